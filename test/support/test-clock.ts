import type { Clock } from '../../src/domain/ports';

/**
 * The one clock tests use: it stands still until the test moves it (`set`), or, for code that
 * waits (`sleep`), until `run` moves it straight to the next sleeper once nothing else can
 * happen. Seconds of waiting take milliseconds, and what a test sees does not depend on how
 * busy the machine is.
 */
export class TestClock implements Clock {
  private current: Date;
  private sleepers: { at: number; order: number; wake: () => void }[] = [];
  private order = 0;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }

  /** Milliseconds since the epoch, for code that takes a `() => number` clock. */
  readonly ms = (): number => this.current.getTime();

  /** Resolves once `run` has moved the clock `ms` on. */
  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((wake) => this.sleepers.push({ at: this.current.getTime() + Math.max(0, ms), order: this.order++, wake }));

  /** Runs `work` to the end, moving the clock to the next sleeper's time whenever everything else is waiting. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const out = work.finally(() => (settled = true));
    for (let guard = 0; guard < 1_000_000; guard++) {
      await new Promise((r) => setImmediate(r));
      if (settled) return out;
      if (this.sleepers.length === 0) continue;
      this.sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.sleepers.shift()!;
      if (next.at > this.current.getTime()) this.current = new Date(next.at);
      next.wake();
    }
    throw new Error('test clock: the work never finished');
  }
}
