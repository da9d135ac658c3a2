// A long command that shows its own progress in its panel (a pack export, a publication): busy
// while it runs, the fraction and step the core reports for its task, then its result or error.
import { backend, type ApiError, type Task } from './backend';

export class TrackedTask<T> {
  busy = $state(false);
  progress = $state(0);
  step = $state('');
  result = $state<T | null>(null);
  error = $state<ApiError | null>(null);

  constructor(private readonly task: Task) {}

  // A job may answer null: the user cancelled (for example the save dialog), nothing to show.
  async run(job: () => Promise<T | null>): Promise<void> {
    this.busy = true;
    this.progress = 0;
    this.step = '';
    this.result = null;
    this.error = null;
    // Listened to only while the job runs: progress of another task is not this panel's.
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await backend.onProgress((p) => {
        if (p.task === this.task) {
          this.progress = p.fraction ?? 0;
          this.step = p.step;
        }
      });
      this.result = await job();
    } catch (e) {
      this.error = e as ApiError;
    } finally {
      this.busy = false;
      unlisten?.();
    }
  }
}
