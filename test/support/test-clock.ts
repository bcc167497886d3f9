import type { Clock } from '../../src/domain/ports';

/** The one clock tests use: it stands still until the test moves it. */
export class TestClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}
