/**
 * The scenario's time. It starts at the wall-clock time the scenario starts and moves only when a
 * step says so (`advance: 40m`), so "forty minutes later" costs nothing and runs are repeatable.
 */
export class VirtualClock {
  private nowMs: number;

  constructor(startMs: number = Date.now()) {
    this.nowMs = startMs;
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.nowMs += ms;
  }
}
