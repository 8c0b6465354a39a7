import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../test/support/test-store.ts';
import { buildHttpApp } from '../http/app.ts';

test('request log lines carry the path and request id, never the query string, client address or headers', async () => {
  const t = await createTestContext();
  const app = await buildHttpApp(t);
  try {
    const res = await app.inject({ method: 'GET', url: '/healthz?name=Zumurrudmarker&lat=33.987654', remoteAddress: '10.9.8.7', headers: { cookie: 'tifli_session=cookiemarker', authorization: 'Bearer tokenmarker' } });
    assert.equal(res.statusCode, 200);
    const lines = t.logLines.join('\n');
    assert.ok(lines.includes('"path":"/healthz"'), 'the request line names the path');
    for (const secret of ['Zumurrudmarker', '33.987654', '10.9.8.7', 'cookiemarker', 'tokenmarker']) assert.ok(!lines.includes(secret), `log leaks ${secret}`);
  } finally {
    await app.close();
    await t.close();
  }
});

test('an unexpected error is logged by type, code and frames, never by its message', async () => {
  const { describeUnknownError } = await import('../http/app.ts');
  const err = Object.assign(new Error('invalid input syntax for type uuid: "Zumurrudmarker"'), { code: '22P02' });
  const logged = JSON.stringify(describeUnknownError(err));
  assert.ok(!logged.includes('Zumurrudmarker'));
  assert.match(logged, /22P02/);
  assert.match(logged, /logger\.test\.ts/);
});
