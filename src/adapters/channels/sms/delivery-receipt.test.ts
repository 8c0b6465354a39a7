import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDeliveryReceipt } from './delivery-receipt.ts';
import { normaliseMessageId } from './message-id.ts';

const text = (id: string, stat: string, err = '000') => `id:${id} sub:001 dlvrd:001 submit date:2611221000 done date:2611221001 stat:${stat} err:${err} text:Yasmine 8 ans`;

describe('delivery receipts', () => {
  test('the TLVs win over the text', () => {
    const r = readDeliveryReceipt({ receiptedMessageId: '3A2F0', messageState: 2, text: text('0000238320', 'UNDELIV') }, 'opaque');
    assert.deepEqual(r, { kind: 'final', providerRef: '3a2f0', status: 'delivered' });
  });

  test('without TLVs the classic text is read', () => {
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: null, messageState: null, text: text('12345', 'DELIVRD') }, 'opaque'), {
      kind: 'final',
      providerRef: '12345',
      status: 'delivered',
    });
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: null, messageState: null, text: text('12345', 'UNDELIV', '012') }, 'opaque'), {
      kind: 'final',
      providerRef: '12345',
      status: 'failed',
      errorCode: 'smpp_undeliv_012',
    });
  });

  test('each final state maps to delivered or a failure code', () => {
    const states: [number, string | null][] = [
      [2, null],
      [3, 'smpp_expired'],
      [4, 'smpp_deleted'],
      [5, 'smpp_undeliv'],
      [8, 'smpp_rejectd'],
    ];
    for (const [state, code] of states) {
      const r = readDeliveryReceipt({ receiptedMessageId: '7', messageState: state, text: '' }, 'opaque');
      assert.deepEqual(r, code ? { kind: 'final', providerRef: '7', status: 'failed', errorCode: code } : { kind: 'final', providerRef: '7', status: 'delivered' });
    }
  });

  test('intermediate states and unreadable receipts change nothing', () => {
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: '7', messageState: 1, text: '' }, 'opaque'), { kind: 'intermediate' });
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: null, messageState: null, text: text('7', 'ACCEPTD') }, 'opaque'), { kind: 'intermediate' });
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: null, messageState: null, text: 'hello' }, 'opaque'), { kind: 'unreadable' });
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: '7', messageState: null, text: '' }, 'opaque'), { kind: 'unreadable' });
  });

  test('ids in hex on submit and decimal in the text meet on one providerRef', () => {
    const format = { submit: 'hex', receipt: 'decimal' } as const;
    const providerRef = normaliseMessageId('3A2F1', format.submit);
    const r = readDeliveryReceipt({ receiptedMessageId: null, messageState: null, text: text('0000238321', 'DELIVRD') }, format);
    assert.equal(providerRef, '238321');
    assert.deepEqual(r, { kind: 'final', providerRef, status: 'delivered' });
    // The TLV repeats the submit_sm_resp id, so it is read in the submit base.
    assert.deepEqual(readDeliveryReceipt({ receiptedMessageId: '3a2f1', messageState: 2, text: '' }, format), { kind: 'final', providerRef, status: 'delivered' });
  });

  test('opaque ids ignore case, padding and trailing NULs', () => {
    assert.equal(normaliseMessageId('00A1f\0', 'opaque'), 'a1f');
    assert.equal(normaliseMessageId('0', 'opaque'), '0');
    assert.equal(normaliseMessageId('000', 'decimal'), '0');
    assert.equal(normaliseMessageId('msg-XY', 'hex'), 'msg-xy', 'not a number in that base: kept as a string');
  });
});
