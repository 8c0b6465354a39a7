/** Time as a dependency, so the domain and the use cases never read the wall clock themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests of expiry, lockout and schedules. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}

/**
 * Real time, starting at a chosen instant and movable like ManualClock: for end-to-end tests whose
 * background work (retries, follow-up jobs) must see time pass, at a time of day the test chooses.
 */
export class RunningClock implements Clock {
  private offset: number;
  constructor(start: Date | string = new Date()) {
    this.offset = new Date(start).getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  set(at: Date | string): void {
    this.offset = new Date(at).getTime() - Date.now();
  }
}
