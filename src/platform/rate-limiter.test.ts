/**
 * The send-rate limiter: slots on a fixed schedule, and a provider's Retry-After (`pause`) holding every
 * caller, those already given a slot included (the burst of slots handed out before the first 429 came
 * back must not go out inside its Retry-After).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limiter.ts';

test('slots follow the rate', async () => {
  const limiter = new RateLimiter(50);
  const start = performance.now();
  const done = await Promise.all([0, 1, 2, 3].map(async () => {
    await limiter.take();
    return performance.now() - start;
  }));
  // 20 ms apart: the fourth no sooner than 60 ms (a little timer slack below).
  assert.ok((done[3] ?? 0) >= 58, `fourth slot after ${done[3]} ms`);
});

test('a pause holds the callers already given a slot, not only the next ones', async () => {
  const limiter = new RateLimiter(50);
  await limiter.take();
  const start = performance.now();
  // Slots at about +20 and +40 ms; then the provider answers the first send with Retry-After.
  const waiting = [limiter.take(), limiter.take()].map(async (p) => {
    await p;
    return performance.now() - start;
  });
  limiter.pause(200);
  const after = await Promise.all(waiting);
  assert.ok(after.every((ms) => ms >= 199), `slots used inside the pause: ${after.join(', ')} ms`);
  // After the pause, the rate again: one slot every 20 ms, not a burst. The schedule is what is held (slots
  // at +200 and +220); a timer that fires late for the first caller does not push the second one back, so
  // the gap between the two wake-ups may be shorter than 20 ms, but the second never comes before +220.
  assert.ok(Math.max(...after) >= 218, `second slot before the rate allowed: ${after.join(', ')} ms`);
});
