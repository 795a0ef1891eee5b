// Paces the readers' catch-ups (committed-view.ts) by the decision-log writes: a catch-up that falls
// due while a decision insert is in flight starts when that insert ends, beside the next one. Under
// load that makes one catch-up per decision group instead of one per catch-up round trip (finds are
// faster than inserts, so they came back to back), and each command costs the server ~0.3 ms of CPU.
// A catch-up still starts after every reader that waits for it arrived, so nothing it guarantees
// changes; it only starts up to one insert later.

export class WritePacer {
  private inFlight: Promise<void> | null = null;
  private count = 0;

  /** Runs `write`, known as in flight until it settles. */
  track<T>(write: Promise<T>): Promise<T> {
    const id = ++this.count;
    const settled = write.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight = settled;
    void settled.then(() => {
      if (this.count === id) this.inFlight = null;
    });
    return write;
  }

  /** Resolves when the write in flight now (if any) has settled; later writes are not waited for. */
  turn(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }
}
