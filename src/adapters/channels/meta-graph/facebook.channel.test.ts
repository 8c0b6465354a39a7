import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type GraphPeer, startGraphPeer } from '../../../../test/peers/graph-peer.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import type { ActivePublicAlert } from '../../../domain/alert/public-alert.ts';
import { endedAlert, exerciseAlert, unnamedBoy, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { createFacebookChannel } from './facebook.channel.ts';
import { EXERCISE_MARKER, REFERENCE_LABEL } from './graph-caption.ts';
import { broadcastDelivery, outboundAlert } from './outbound-alert.test-support.ts';

const TOKEN = 'EAAG-facebook-page-token-1';
let peer: GraphPeer;

before(async () => {
  peer = await startGraphPeer({ tokens: [TOKEN], pageId: '1000000001' });
});
after(() => peer.close());

const channel = () => createFacebookChannel({ pageId: peer.pageId, token: TOKEN, graph: { baseUrl: peer.url, version: peer.version } }, { timeoutMs: 5000 });

/** Every line of the caption is a published text's line, the page URL, the reference line or the exercise marker. */
function assertOnlyPublicText(caption: string, view: ActivePublicAlert, pageUrl: string): void {
  const allowed = new Set([EXERCISE_MARKER, pageUrl, `${REFERENCE_LABEL} ${view.reference}`]);
  for (const texts of Object.values(view.texts)) for (const text of [texts.headline, texts.description, texts.instruction]) for (const line of text.split('\n')) allowed.add(line);
  for (const line of caption.split('\n').filter((l) => l !== '')) assert.ok(allowed.has(line), `caption line not in the public view: ${line}`);
}

describe('Facebook channel', () => {
  test('is a broadcast channel to the Page', () => {
    assert.equal(channel().channel, 'facebook');
    assert.deepEqual(channel().targets?.(), ['page']);
  });

  test('publishes the Arabic square poster with a caption from the public view', async () => {
    const view = yasmine();
    const message = outboundAlert(view);
    const receipt = await channel().deliver(broadcastDelivery(message, 'page'));
    assert.ok(receipt.providerRef?.startsWith(`${peer.pageId}_`));
    const post = peer.posts.get(receipt.providerRef ?? '');
    assert.ok(post, 'the Page has the post');
    assert.deepEqual(post.image, await message.poster('ar-MA', 'square'));
    const sent = peer.requests.at(-1);
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.path, `/${peer.version}/${peer.pageId}/photos`);
    assert.equal(sent?.files.source?.type, 'image/jpeg');
    assert.equal(sent?.fields.message?.replace(/\r\n/g, '\n'), post.message, 'the caption went as the message field');

    const caption = post.message;
    const ar = view.texts['ar-MA'];
    const fr = view.texts['fr-MA'];
    const order = [ar.headline, ar.description, ar.instruction, fr.headline, fr.instruction, message.pageUrl, `${REFERENCE_LABEL} ${view.reference}`].map((t) => caption.indexOf(t));
    assert.ok(order.every((i) => i >= 0), 'every part is there');
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'in order: Arabic, French, link, reference');
    assert.ok(!caption.includes(EXERCISE_MARKER));
    assertOnlyPublicText(caption, view, message.pageUrl);
  });

  test('the caption holds nothing the public view does not: no unpublished name', async () => {
    const view = unnamedBoy();
    const message = outboundAlert(view);
    const receipt = await channel().deliver(broadcastDelivery(message, 'page'));
    const caption = peer.posts.get(receipt.providerRef ?? '')?.message ?? '';
    assertOnlyPublicText(caption, view, message.pageUrl);
    assert.doesNotMatch(caption, /Yasmine|ياسمين/);
  });

  test('an exercise says so first', async () => {
    const view = exerciseAlert();
    const message = outboundAlert(view);
    const receipt = await channel().deliver(broadcastDelivery(message, 'page'));
    const caption = peer.posts.get(receipt.providerRef ?? '')?.message ?? '';
    assert.ok(caption.startsWith(`${EXERCISE_MARKER}\n`));
    assertOnlyPublicText(caption, view, message.pageUrl);
  });

  test('a Cancel deletes exactly the earlier posts, tolerating one already gone', async () => {
    const first = (await channel().deliver(broadcastDelivery(outboundAlert(yasmine({ version: 1 })), 'page'))).providerRef ?? '';
    const second = (await channel().deliver(broadcastDelivery(outboundAlert(yasmine({ version: 2 })), 'page'))).providerRef ?? '';
    const unrelated = peer.seedPost('another alert');
    const gone = peer.seedPost('deleted by hand');
    peer.posts.delete(gone);
    const deletedBefore = peer.deleted.length;
    const before = peer.requests.length;

    const receipt = await channel().deliver(broadcastDelivery(outboundAlert(endedAlert('found')), 'page', [first, gone, second]));
    assert.deepEqual(receipt, { providerRef: null });
    assert.deepEqual(peer.deleted.slice(deletedBefore), [first, second]);
    assert.ok(peer.posts.has(unrelated));
    assert.ok(!peer.posts.has(first) && !peer.posts.has(second));
    assert.deepEqual(peer.requests.slice(before).map((r) => `${r.method} ${r.path}`), [first, gone, second].map((id) => `DELETE /${peer.version}/${id}`));
  });

  test('a retract retried after a partial run succeeds; a 404 counts as deleted', async () => {
    const post = peer.seedPost();
    peer.fail({ kind: 'http', status: 404, body: 'Not Found' });
    const receipt = await channel().deliver(broadcastDelivery(outboundAlert(endedAlert('withdrawn')), 'page', ['1000000001_404', post]));
    assert.equal(receipt.providerRef, null);
    assert.ok(!peer.posts.has(post));
  });

  test('a retract that fails otherwise reports the failure', async () => {
    const post = peer.seedPost();
    peer.fail({ kind: 'graph', code: 200, status: 403 });
    await assert.rejects(channel().deliver(broadcastDelivery(outboundAlert(endedAlert('found')), 'page', [post])), (err: unknown) => {
      assert.ok(err instanceof DeliveryError);
      assert.deepEqual(err.failure, { kind: 'permanent', code: 'graph_200' });
      return true;
    });
    assert.ok(peer.posts.has(post), 'still there, for the retry or an officer');
  });

  test('throttling on publish: no post, and the wait Meta asked for', async () => {
    const count = peer.posts.size;
    const buc = JSON.stringify({ [peer.pageId]: [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 25, estimated_time_to_regain_access: 12 }] });
    peer.fail({ kind: 'graph', code: 613, headers: { 'x-business-use-case-usage': buc } });
    await assert.rejects(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'page')), (err: unknown) => {
      assert.ok(err instanceof DeliveryError);
      assert.deepEqual(err.failure, { kind: 'throttled', code: 'graph_613', retryAfterMs: 12 * 60_000 });
      return true;
    });
    assert.equal(peer.posts.size, count);
  });

  test('a wrong token is permanent and never appears in the error', async () => {
    const wrong = createFacebookChannel({ pageId: peer.pageId, token: 'EAAG-revoked-token', graph: { baseUrl: peer.url, version: peer.version } });
    await assert.rejects(wrong.deliver(broadcastDelivery(outboundAlert(yasmine()), 'page')), (err: unknown) => {
      assert.ok(err instanceof DeliveryError);
      assert.deepEqual(err.failure, { kind: 'permanent', code: 'graph_190' });
      assert.doesNotMatch(err.message, /EAAG|ياسمين/);
      return true;
    });
  });
});
