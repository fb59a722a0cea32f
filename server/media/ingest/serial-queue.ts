/**
 * Runs one talk's ingest work in order (segments, playlist writes, ffmpeg exits), so a playlist is
 * never rewritten from a stale list. A failing task is logged; the next one still runs.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly label: string) {}

  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.tail = this.tail.then(task).catch((error) => {
      console.error(`${this.label}:`, error);
    });
    return this.tail;
  }

  /** Resolves once every task queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}
