import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type GraphPeer, startGraphPeer } from '../../../../test/peers/graph-peer.ts';
import { POSTER_LABELS } from '../../posters/poster-labels.ts';
import { endedAlert, exerciseAlert, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { EXERCISE_MARKER, IG_CAPTION_MAX, REFERENCE_LABEL } from './graph-caption.ts';
import { createInstagramChannel, type InstagramChannelOptions } from './instagram.channel.ts';
import { broadcastDelivery, outboundAlert } from './outbound-alert.test-support.ts';
import { failureOf } from '../../../../test/support/delivery-failure.ts';

const TOKEN = 'EAAG-instagram-token-0001';
let peer: GraphPeer;

before(async () => {
  peer = await startGraphPeer({ tokens: [TOKEN] });
});
after(() => peer.close());
beforeEach(() => {
  peer.quota.usage = 0;
  peer.containerPolls = 0;
});

const channel = (options: InstagramChannelOptions = {}) =>
  createInstagramChannel({ userId: peer.igUserId, token: TOKEN, graph: { baseUrl: peer.url, version: peer.version } }, { timeoutMs: 5000, pollIntervalMs: 5, ...options });


const callsSince = (n: number) => peer.requests.slice(n).map((r) => `${r.method} ${r.path.replace(`/${peer.version}`, '')}`);

describe('Instagram channel', () => {
  test('is a broadcast channel to the account', () => {
    assert.equal(channel().channel, 'instagram');
    assert.deepEqual(channel().targets?.(), ['account']);
  });

  test('checks the quota, creates a container from the poster URL, polls until FINISHED, publishes', async () => {
    peer.containerPolls = 2;
    const message = outboundAlert(yasmine());
    const start = peer.requests.length;
    const receipt = await channel().deliver(broadcastDelivery(message, 'account'));

    const container = [...peer.containers.keys()].at(-1) ?? '';
    const u = peer.igUserId;
    assert.deepEqual(callsSince(start), [`GET /${u}/content_publishing_limit`, `POST /${u}/media`, `GET /${container}`, `GET /${container}`, `GET /${container}`, `POST /${u}/media_publish`]);
    const media = peer.media.get(receipt.providerRef ?? '');
    assert.ok(media, 'the media is published and its id is the reference');
    assert.equal(media.imageUrl, message.posterUrl('ar-MA', 'square'));
    assert.ok(media.caption.startsWith(yasmine().texts['ar-MA'].headline));
    assert.ok(media.caption.includes(`${REFERENCE_LABEL} TM-2026-000123`));
    const create = peer.requests[start + 1];
    assert.deepEqual(create?.query, {}, 'the caption travels in the body, not the URL');
    assert.equal(peer.requests[start + 2]?.query.fields, 'status_code');
    assert.equal(peer.requests.at(-1)?.fields.creation_id, container);
    assert.equal(peer.quota.usage, 1);
  });

  test('a long alert’s caption is cut to 2,200 characters, keeping what to do and the reference', async () => {
    const base = yasmine();
    const view = yasmine({ texts: { ...base.texts, 'ar-MA': { ...base.texts['ar-MA'], description: 'كانت ترتدي وزرة مدرسية بيضاء وحذاء رياضيا ورديا. '.repeat(40).slice(0, 2000) } } });
    const receipt = await channel().deliver(broadcastDelivery(outboundAlert(view), 'account'));
    const caption = peer.media.get(receipt.providerRef ?? '')?.caption ?? '';
    assert.ok(caption.length <= IG_CAPTION_MAX && caption.length > 2000, `length ${caption.length}`);
    for (const part of [view.texts['ar-MA'].instruction, view.texts['fr-MA'].headline, view.texts['fr-MA'].instruction, `${REFERENCE_LABEL} ${view.reference}`]) assert.ok(caption.includes(part));
    assert.ok(caption.includes('…'));
  });

  test('an exercise is marked', async () => {
    const receipt = await channel().deliver(broadcastDelivery(outboundAlert(exerciseAlert()), 'account'));
    assert.ok(peer.media.get(receipt.providerRef ?? '')?.caption.startsWith(EXERCISE_MARKER));
  });

  test('a used-up quota is throttled for the rolling window’s spacing, and nothing is created', async () => {
    peer.quota.usage = peer.quota.total;
    const containers = peer.containers.size;
    assert.deepEqual(await failureOf(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'throttled', code: 'instagram_quota', retryAfterMs: (86_400 * 1000) / 50 });
    assert.equal(peer.containers.size, containers);
  });

  test('a container in ERROR or EXPIRED is transient', async () => {
    peer.nextContainerOutcome = 'ERROR';
    assert.deepEqual(await failureOf(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'transient', code: 'instagram_container_error' });
    peer.nextContainerOutcome = 'EXPIRED';
    peer.containerPolls = 1;
    assert.deepEqual(await failureOf(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'transient', code: 'instagram_container_expired' });
    assert.equal(peer.quota.usage, 0, 'nothing was published');
  });

  test('polling stops at the signal, or after maxPolls', async () => {
    peer.containerPolls = 1_000;
    const slow = channel({ pollIntervalMs: 40 });
    assert.deepEqual(await failureOf(slow.deliver(broadcastDelivery(outboundAlert(yasmine()), 'account', [], AbortSignal.timeout(150)))), { kind: 'transient', code: 'timeout' });
    assert.deepEqual(await failureOf(channel({ maxPolls: 3 }).deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'transient', code: 'instagram_container_pending' });
  });

  test('Graph failures on any step are mapped', async () => {
    peer.fail({ kind: 'graph', code: 9, subcode: 2207042, status: 403 }, 1, (r) => r.path.endsWith('/media_publish'));
    assert.deepEqual(await failureOf(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'throttled', code: 'graph_9', retryAfterMs: null });
    peer.fail({ kind: 'graph', code: 368 }, 1, (r) => r.path.endsWith('/media'));
    assert.deepEqual(await failureOf(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'permanent', code: 'graph_368' });
    peer.fail({ kind: 'http', status: 502 }, 1, (r) => r.method === 'GET' && r.query.fields === 'status_code');
    assert.deepEqual(await failureOf(channel().deliver(broadcastDelivery(outboundAlert(yasmine()), 'account'))), { kind: 'transient', code: 'http_502' });
  });

  test('a Cancel publishes the found card with a thank-you caption, no name, no photo', async () => {
    const view = endedAlert('found');
    const message = outboundAlert(view);
    const receipt = await channel().deliver(broadcastDelivery(message, 'account', ['17900000000000001']));
    const media = peer.media.get(receipt.providerRef ?? '');
    assert.ok(media);
    assert.equal(media.imageUrl, message.posterUrl('ar-MA', 'square'));
    assert.match(media.imageUrl, /\/card-ar-MA-square\.jpg$/);
    for (const words of [POSTER_LABELS['ar-MA'].foundTitle, POSTER_LABELS['ar-MA'].thanks, POSTER_LABELS['fr-MA'].foundTitle, POSTER_LABELS['fr-MA'].thanks, view.reference]) assert.ok(media.caption.includes(words), words);
    const active = yasmine();
    for (const published of [active.displayName.ar ?? '', active.displayName.latin ?? '', active.texts['ar-MA'].headline, active.photo?.path ?? '']) assert.ok(!media.caption.includes(published));
  });

  test('a withdrawn alert closes with a neutral notice; an alert never posted gets no closing post', async () => {
    const receipt = await channel().deliver(broadcastDelivery(outboundAlert(endedAlert('withdrawn')), 'account', ['17900000000000001']));
    const caption = peer.media.get(receipt.providerRef ?? '')?.caption ?? '';
    assert.ok(caption.includes(POSTER_LABELS['ar-MA'].endedTitle) && caption.includes(POSTER_LABELS['fr-MA'].endedTitle));
    assert.ok(!caption.includes(POSTER_LABELS['fr-MA'].foundTitle));

    const start = peer.requests.length;
    assert.deepEqual(await channel().deliver(broadcastDelivery(outboundAlert(endedAlert('found')), 'account', [])), { providerRef: null });
    assert.equal(peer.requests.length, start);
  });
});
