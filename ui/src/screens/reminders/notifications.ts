// Desktop notifications of «Wat komt eraan»: asked at start and then every hour, so a laptop
// that stays open past midnight announces the new day. The store decides what is new (once per
// day per subject), so asking often never repeats a notification.
import { backend } from '../../lib/backend';

const EVERY_HOUR = 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | null = null;

async function notifyOnce(): Promise<void> {
  try {
    await backend.notifyReminders();
  } catch {
    // A locked store or no notification service: the screen still shows everything.
  }
  // The end-to-end test waits for the first round (tests/e2e/reminders.rs).
  if (performance.getEntriesByName('reminders-notified').length === 0) performance.mark('reminders-notified');
}

/** Starts the hourly round (once; later calls only ask again now). */
export function startReminderNotifications(): void {
  void notifyOnce();
  if (timer === null) timer = setInterval(() => void notifyOnce(), EVERY_HOUR);
}
