// Dutch presentation of dates, times and grouping, shared by the screens.
import type { MeetingSummary } from './backend';

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' });

/** "donderdag 12 november 2020 om 19:30" */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "12 nov 2020" */
export function formatShortDate(iso: string): string {
  return shortDate.format(new Date(iso));
}

/** "19:30" */
export function formatTime(iso: string): string {
  return iso.slice(11, 16);
}

/** Weights and tallies arrive as exact decimal text ("12", "2.5"); shown Dutch style. */
export function formatDecimal(text: string): string {
  return text.replace('.', ',');
}

export interface BodyGroup {
  body: string;
  bodyName: string;
  takesDecisions: boolean;
  meetings: MeetingSummary[];
}

/** The four meeting bodies in their fixed order; meetings inside newest first (as the core sends them). */
const BODY_ORDER = ['AB', 'DB', 'NETWERK_MTPLUS', 'BOT'];

export function groupByBody(meetings: MeetingSummary[]): BodyGroup[] {
  const groups = new Map<string, BodyGroup>();
  for (const m of meetings) {
    let group = groups.get(m.body_code);
    if (!group) {
      group = { body: m.body, bodyName: m.body_name, takesDecisions: m.takes_decisions, meetings: [] };
      groups.set(m.body_code, group);
    }
    group.meetings.push(m);
  }
  const rank = (code: string) => {
    const i = BODY_ORDER.indexOf(code);
    return i === -1 ? BODY_ORDER.length : i;
  };
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, g]) => g);
}

/** Today's date in the user's own time zone as the commands take it (YYYY-MM-DD); not
 * `toISOString`, which gives the UTC date and is a day off around midnight. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
