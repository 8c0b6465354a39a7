import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type GraphFault, type GraphPeer, startGraphPeer } from '../../../../test/peers/graph-peer.ts';
import { DeliveryError, type DeliveryFailure } from '../../../domain/distribution/delivery-failure.ts';
import { createGraphClient, type GraphClientOptions } from './graph-client.ts';

const TOKEN = 'EAAG-client-test-token-0001';
let peer: GraphPeer;

before(async () => {
  peer = await startGraphPeer({ tokens: [TOKEN] });
});
after(() => peer.close());

const client = (options: GraphClientOptions = {}, token = TOKEN, baseUrl = peer.url) => createGraphClient({ baseUrl, version: peer.version, token }, options);
const quotaCall = (signal: AbortSignal = AbortSignal.timeout(5000)) => ({ method: 'GET' as const, path: [peer.igUserId, 'content_publishing_limit'], query: { fields: 'quota_usage,config' }, signal });

/** The DeliveryFailure a call ends with; also checks that no token leaks into the error. */
async function failureOf(call: () => Promise<unknown>): Promise<DeliveryFailure> {
  try {
    await call();
  } catch (err) {
    assert.ok(err instanceof DeliveryError, `expected a DeliveryError, got ${String(err)}`);
    assert.doesNotMatch(`${err.message} ${JSON.stringify(err)} ${String(err.stack)}`, /EAAG|token-0001|Simulated|OAuth access token/);
    return err.failure;
  }
  assert.fail('the call succeeded');
}

async function faulted(fault: GraphFault, options: GraphClientOptions = {}): Promise<DeliveryFailure> {
  peer.fail(fault);
  return failureOf(() => client(options).call(quotaCall()));
}

describe('Graph client', () => {
  test('calls the pinned version with a Bearer token, never a token in the URL', async () => {
    const answer = await client().call(quotaCall());
    assert.deepEqual(answer, { data: [{ quota_usage: 0, config: { quota_total: 50, quota_duration: 86_400 } }] });
    const sent = peer.requests.at(-1);
    assert.equal(sent?.path, `/${peer.version}/${peer.igUserId}/content_publishing_limit`);
    assert.deepEqual(sent?.query, { fields: 'quota_usage,config' });
    assert.equal(sent?.headers.authorization, undefined, 'the peer records no Authorization header');
  });

  test('sends form fields in the body, not in the URL', async () => {
    await client().call({ method: 'POST', path: [peer.igUserId, 'media'], form: { image_url: 'https://tifli.example/p.jpg', caption: 'نص' }, signal: AbortSignal.timeout(5000) });
    const sent = peer.requests.at(-1);
    assert.deepEqual(sent?.query, {});
    assert.deepEqual(sent?.fields, { image_url: 'https://tifli.example/p.jpg', caption: 'نص' });
  });

  test('a wrong token is Graph 190: permanent', async () => {
    assert.deepEqual(await failureOf(() => client({}, 'EAAG-wrong-token-0001').call(quotaCall())), { kind: 'permanent', code: 'graph_190' });
  });

  test('transient Graph codes 1 and 2', async () => {
    assert.deepEqual(await faulted({ kind: 'graph', code: 1, status: 500 }), { kind: 'transient', code: 'graph_1' });
    assert.deepEqual(await faulted({ kind: 'graph', code: 2, status: 503 }), { kind: 'transient', code: 'graph_2' });
  });

  test('throttling codes carry the wait Meta announces', async () => {
    const buc = JSON.stringify({ '1000000001': [{ type: 'pages', call_count: 100, total_cputime: 12, total_time: 30, estimated_time_to_regain_access: 5 }] });
    assert.deepEqual(await faulted({ kind: 'graph', code: 613, headers: { 'x-business-use-case-usage': buc } }), { kind: 'throttled', code: 'graph_613', retryAfterMs: 300_000 });
    const app = JSON.stringify({ call_count: 100, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 2 });
    assert.deepEqual(await faulted({ kind: 'graph', code: 4, headers: { 'x-app-usage': app } }), { kind: 'throttled', code: 'graph_4', retryAfterMs: 120_000 });
    assert.deepEqual(await faulted({ kind: 'graph', code: 32, headers: { 'retry-after': '30' } }), { kind: 'throttled', code: 'graph_32', retryAfterMs: 30_000 });
    assert.deepEqual(await faulted({ kind: 'graph', code: 17 }), { kind: 'throttled', code: 'graph_17', retryAfterMs: null });
  });

  test('HTTP 429 with Retry-After is throttled', async () => {
    assert.deepEqual(await faulted({ kind: 'http', status: 429, headers: { 'retry-after': '7' } }), { kind: 'throttled', code: 'http_429', retryAfterMs: 7000 });
  });

  test('token, permission, policy and parameter errors are permanent', async () => {
    for (const code of [190, 10, 200, 299, 368, 100]) {
      assert.deepEqual(await faulted({ kind: 'graph', code, status: code === 200 || code === 10 ? 403 : 400 }), { kind: 'permanent', code: `graph_${code}` });
    }
  });

  test('HTTP 5xx without a Graph error is transient', async () => {
    assert.deepEqual(await faulted({ kind: 'http', status: 503, body: '<html>Service Unavailable</html>' }), { kind: 'transient', code: 'http_503' });
    assert.deepEqual(await faulted({ kind: 'http', status: 500 }), { kind: 'transient', code: 'http_500' });
  });

  test('garbage bodies are transient, whatever the status', async () => {
    assert.deepEqual(await faulted({ kind: 'garbage' }), { kind: 'transient', code: 'graph_bad_response' });
    assert.deepEqual(await faulted({ kind: 'garbage', status: 400, body: '<html>proxy</html>' }), { kind: 'transient', code: 'graph_bad_response' });
    assert.deepEqual(await faulted({ kind: 'garbage', body: '' }), { kind: 'transient', code: 'graph_bad_response' });
  });

  test('an answer over the size cap is not read', async () => {
    assert.deepEqual(await faulted({ kind: 'garbage', body: `{"id":"${'9'.repeat(5000)}"}` }, { maxResponseBytes: 1024 }), { kind: 'transient', code: 'graph_response_too_large' });
  });

  test('redirects are not followed', async () => {
    const before = peer.requests.length;
    assert.deepEqual(await faulted({ kind: 'http', status: 302, headers: { location: `${peer.url}/${peer.version}/elsewhere` } }), { kind: 'permanent', code: 'graph_redirect' });
    assert.equal(peer.requests.length, before + 1, 'only the first request reached the peer');
  });

  test('a slow peer ends in a timeout, by the caller’s signal or the client’s own timeout', async () => {
    peer.fail({ kind: 'slow', delayMs: 5000 });
    assert.deepEqual(await failureOf(() => client().call(quotaCall(AbortSignal.timeout(100)))), { kind: 'transient', code: 'timeout' });
    peer.fail({ kind: 'slow', delayMs: 5000 });
    assert.deepEqual(await failureOf(() => client({ timeoutMs: 100 }).call(quotaCall(new AbortController().signal))), { kind: 'transient', code: 'timeout' });
    assert.deepEqual(await failureOf(() => client().call(quotaCall(AbortSignal.abort()))), { kind: 'transient', code: 'timeout' });
  });

  test('a reset connection and a closed port are transient connection errors', async () => {
    assert.deepEqual(await faulted({ kind: 'reset' }), { kind: 'transient', code: 'connection_error' });
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    assert.deepEqual(await failureOf(() => client({}, TOKEN, `http://127.0.0.1:${port}`).call(quotaCall())), { kind: 'transient', code: 'connection_error' });
  });
});
