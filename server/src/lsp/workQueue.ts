// A background queue of URIs to process in short time slices, so requests and edits are
// served between slices. Adding a URI already queued does nothing. While `held` says so
// (an edit is waiting to be checked), no slice starts: `kick` resumes.

const SLICE_MS = 5;

export class WorkQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private running = false;

  constructor(
    private readonly work: (uri: string) => Promise<void>,
    private readonly onIdle: () => void,
    private readonly held: () => boolean = () => false,
  ) {}

  get busy(): boolean {
    return this.pending.size > 0 || this.running;
  }

  add(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    this.schedule();
  }

  /** Takes a URI out of the queue (its owner processes it now). */
  delete(uri: string): void {
    this.pending.delete(uri);
  }

  /** Resumes after a hold. */
  kick(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.pending.size === 0 || this.held()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.runSlice();
    });
  }

  private async runSlice(): Promise<void> {
    this.running = true;
    const until = Date.now() + SLICE_MS;
    try {
      while (this.pending.size > 0 && Date.now() < until && !this.held()) {
        const uri = this.pending.values().next().value as string;
        this.pending.delete(uri);
        await this.work(uri);
      }
    } finally {
      this.running = false;
    }
    if (this.pending.size > 0) this.schedule();
    else this.onIdle();
  }
}
