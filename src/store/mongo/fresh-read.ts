// Shares one read among concurrent callers without ever serving a caller a read that began before
// it called: fresh() joins the read that is due but not yet started, or schedules one to start when
// the running read (and the pacing gate, if any) are done. One read runs at a time; under load each
// read serves every caller that arrived while the previous one ran.

export class FreshRead {
  /** The read due to start (callers join it); null when none is waiting. */
  private due: Promise<void> | null = null;
  /** The read under way, if any. */
  private running: Promise<void> | null = null;

  /**
   * @param read the read to share (its effect is what callers wait for).
   * @param gate awaited before a read starts (pacing); the read still starts after every caller
   *   that joined it.
   */
  constructor(
    private readonly read: () => Promise<void>,
    private readonly gate: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Resolves once a read that started after this call has finished (rejects if it failed). */
  fresh(): Promise<void> {
    if (this.due) return this.due;
    const previous = this.running ?? Promise.resolve();
    const due = previous
      .catch(() => undefined) // the previous read's callers get its error, not ours
      .then(() => this.gate())
      .then(() => {
        // From here on new callers schedule the next read: this one may have begun before them.
        this.due = null;
        const running = this.read();
        this.running = running;
        void running
          .catch(() => undefined)
          .then(() => {
            if (this.running === running) this.running = null;
          });
        return running;
      });
    this.due = due;
    return due;
  }
}
