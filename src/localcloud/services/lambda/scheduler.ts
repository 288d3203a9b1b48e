/**
 * Delayed state transitions (Pending -> Active, Creating -> Enabled...). With no delay the transition still runs
 * after the current call has answered: AWS's CreateFunction says Pending and UpdateFunctionCode InProgress, always.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  after(ms: number, run: () => void): void {
    if (ms <= 0) {
      queueMicrotask(run);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
