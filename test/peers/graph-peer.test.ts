import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type GraphPeer, startGraphPeer } from './graph-peer.ts';

const TOKEN = 'peer-test-token';
let peer: GraphPeer;

before(async () => {
  peer = await startGraphPeer({ tokens: [TOKEN] });
});
after(() => peer.close());

const bearer = { authorization: `Bearer ${TOKEN}` };
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

describe('Graph peer', () => {
  test('refuses another version with Graph’s unknown-path error', async () => {
    const res = await fetch(`${peer.url}/v19.0/${peer.igUserId}/content_publishing_limit`, { headers: bearer });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: number } }).error.code, 2500);
  });

  test('a wrong token is a 190 OAuthException with HTTP 400', async () => {
    const res = await fetch(`${peer.url}/${peer.version}/${peer.igUserId}/content_publishing_limit`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('www-authenticate') ?? '', /invalid_token/);
    const { error } = (await res.json()) as { error: { code: number; type: string; fbtrace_id: string } };
    assert.deepEqual([error.code, error.type], [190, 'OAuthException']);
    assert.ok(error.fbtrace_id);
  });

  test('accepts the token as access_token too, and never records it', async () => {
    const res = await fetch(`${peer.url}/${peer.version}/${peer.igUserId}/content_publishing_limit?access_token=${TOKEN}`);
    assert.equal(res.status, 200);
    const r = await fetch(`${peer.url}/${peer.version}/${peer.igUserId}/content_publishing_limit`, { headers: bearer });
    assert.equal(r.status, 200);
    assert.equal(peer.requests.at(-1)?.headers.authorization, undefined);
  });

  test('a Page photo needs a JPEG source; the post can be deleted once', async () => {
    const notJpeg = new FormData();
    notJpeg.set('source', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'x.png');
    const refused = await fetch(`${peer.url}/${peer.version}/${peer.pageId}/photos`, { method: 'POST', headers: bearer, body: notJpeg });
    assert.equal(((await refused.json()) as { error: { code: number } }).error.code, 324);

    const form = new FormData();
    form.set('message', 'line 1\nline 2');
    form.set('source', new Blob([jpeg], { type: 'image/jpeg' }), 'p.jpg');
    const created = (await (await fetch(`${peer.url}/${peer.version}/${peer.pageId}/photos`, { method: 'POST', headers: bearer, body: form })).json()) as { id: string; post_id: string };
    assert.match(created.post_id, new RegExp(`^${peer.pageId}_\\d+$`));
    assert.equal(peer.posts.get(created.post_id)?.message, 'line 1\nline 2');
    assert.deepEqual(peer.requests.at(-1)?.files.source?.bytes, Buffer.from(jpeg));

    const del = () => fetch(`${peer.url}/${peer.version}/${created.post_id}`, { method: 'DELETE', headers: bearer });
    assert.deepEqual(await (await del()).json(), { success: true });
    const again = (await (await del()).json()) as { error: { code: number; error_subcode: number } };
    assert.deepEqual([again.error.code, again.error.error_subcode], [100, 33]);
  });

  test('faults apply to the next N matching calls only', async () => {
    peer.fail({ kind: 'graph', code: 613, headers: { 'x-app-usage': '{"call_count":100}' } }, 2);
    const url = `${peer.url}/${peer.version}/${peer.igUserId}/content_publishing_limit`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url, { headers: bearer })).status);
    assert.deepEqual(statuses, [400, 400, 200]);
  });
});
