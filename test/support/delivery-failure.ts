/**
 * What a channel adapter's failed delivery reported: the awaited promise must reject with a
 * DeliveryError, whose failure (kind, code, retry-after) is returned for the test to check.
 *
 * @example
 *   assert.equal((await failureOf(adapter.deliver(d))).kind, 'throttled');
 */
import assert from 'node:assert/strict';
import { DeliveryError, type DeliveryFailure } from '../../src/domain/distribution/delivery-failure.ts';

export async function failureOf(promise: Promise<unknown>): Promise<DeliveryFailure> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DeliveryError, `expected a DeliveryError, got ${String(err)}`);
    return err.failure;
  }
  assert.fail('the delivery was accepted');
}
