import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkXml, xpath } from '../../../test/support/xml-schema.ts';
import { CAP_FEED_MAX_BYTES, CAP_FEED_MAX_ENTRIES, capAtomFeed, capFeedEntry, type CapFeed, type CapFeedEntry } from './cap-feed.ts';
import { BASE_URL, exerciseChain, PUBLIC_ID, SENT } from './cap-fixtures.test-support.ts';
import { CapDocumentError } from './cap-validation.ts';

const SELF = `${BASE_URL}/feeds/alerts.atom`;
const capUrl = (id: string) => `${BASE_URL}/alerts/${id}.cap`;
const NOW = new Date(SENT.getTime() + 3 * 3600_000);

const feedOf = (entries: readonly CapFeedEntry[], updated = NOW): CapFeed => ({
  id: SELF,
  selfUrl: SELF,
  title: 'Tifli — alertes enlèvement (CAP 1.2)',
  authorName: 'DGSN',
  authorUri: BASE_URL,
  language: 'fr-MA',
  updated,
  entries,
});

const entry = "//*[local-name()='entry']";

describe('CAP Atom feed', () => {
  const { update, cancel } = exerciseChain();

  test('is well-formed Atom with the feed metadata and one entry per alert linking to its .cap document', async () => {
    const other = { ...update, identifier: 'ma.dgsn.tifli:TM-2026-000124:2', sent: new Date(SENT.getTime() + 3600_000) };
    const { xml, included, omitted } = capAtomFeed(
      feedOf([capFeedEntry(update, { capUrl: capUrl(PUBLIC_ID), pageUrl: `${BASE_URL}/alerts/${PUBLIC_ID}` }), capFeedEntry(other, { capUrl: capUrl('TM-2026-000124') })]),
    );
    const parsed = await checkXml(xml);
    assert.ok(parsed.valid, parsed.errors.join('\n'));
    assert.deepEqual([included, omitted], [2, 0]);
    assert.equal(await xpath(xml, "namespace-uri(/*)"), 'http://www.w3.org/2005/Atom');
    assert.equal(await xpath(xml, "string(/*/*[local-name()='id'])"), SELF);
    assert.equal(await xpath(xml, "string(/*/*[local-name()='updated'])"), '2026-03-11T17:30:05+00:00');
    assert.equal(await xpath(xml, "string(/*/*[local-name()='author']/*[local-name()='name'])"), 'DGSN');
    assert.equal(await xpath(xml, "string(/*/*[local-name()='link'][@rel='self']/@href)"), SELF);
    assert.equal(await xpath(xml, `count(${entry})`), '2');
    // Newest first; each entry: id = CAP identifier, title = headline, updated = sent, CAP link.
    assert.equal(await xpath(xml, `string((${entry})[1]/*[local-name()='id'])`), 'ma.dgsn.tifli:TM-2026-000124:2');
    assert.equal(await xpath(xml, `string((${entry})[2]/*[local-name()='id'])`), `ma.dgsn.tifli:${PUBLIC_ID}:2`);
    assert.equal(await xpath(xml, `string((${entry})[2]/*[local-name()='title'])`), update.infos[0]!.headline);
    assert.equal(await xpath(xml, `string((${entry})[2]/*[local-name()='title']/@xml:lang)`), 'ar-MA');
    assert.equal(await xpath(xml, `string((${entry})[2]/*[local-name()='updated'])`), '2026-03-11T15:00:05+00:00');
    for (const [k, id] of [[1, 'TM-2026-000124'], [2, PUBLIC_ID]] as const) {
      const link = `(${entry})[${k}]/*[local-name()='link'][@rel='alternate']`;
      assert.equal(await xpath(xml, `string(${link}/@type)`), 'application/cap+xml');
      assert.equal(await xpath(xml, `string(${link}/@href)`), capUrl(id));
    }
    assert.equal(await xpath(xml, `string((${entry})[2]/*[local-name()='link'][@rel='related']/@href)`), `${BASE_URL}/alerts/${PUBLIC_ID}`);
  });

  test('an empty feed is still valid Atom, dated by the caller', async () => {
    const { xml, included } = capAtomFeed(feedOf([]));
    assert.equal(included, 0);
    assert.ok((await checkXml(xml)).valid);
    assert.equal(await xpath(xml, `count(${entry})`), '0');
    assert.equal(await xpath(xml, "string(/*/*[local-name()='updated'])"), '2026-03-11T17:30:05+00:00');
  });

  test('titles and summaries are escaped, so hostile text cannot break the document', async () => {
    const hostile: CapFeedEntry = { ...capFeedEntry(cancel, { capUrl: `${capUrl(PUBLIC_ID)}?a=1&b=2` }, ['fr-MA']), title: 'A & B </title><entry>', summary: '<![CDATA[x]]> \u0000 "q"' };
    const { xml } = capAtomFeed(feedOf([hostile]));
    assert.ok((await checkXml(xml)).valid);
    assert.equal(await xpath(xml, `count(${entry})`), '1');
    assert.equal(await xpath(xml, `string(${entry}/*[local-name()='title'])`), 'A & B </title><entry>');
    assert.equal(await xpath(xml, `string(${entry}/*[local-name()='link']/@href)`), `${capUrl(PUBLIC_ID)}?a=1&b=2`);
  });

  test('stays under 100 KB: at most 50 entries, newest first, and says how many were left out', async () => {
    const long = 'ⵜⴰⵔⴰⵡⵜ '.repeat(400);
    const many: CapFeedEntry[] = Array.from({ length: 300 }, (_, k) => ({
      id: `ma.dgsn.tifli:TM-2026-${String(k + 1).padStart(6, '0')}:1`,
      title: long,
      summary: long,
      language: 'zgh-Tfng',
      updated: new Date(SENT.getTime() + k * 60_000),
      capUrl: capUrl(`TM-2026-${String(k + 1).padStart(6, '0')}`),
      pageUrl: `${BASE_URL}/alerts/TM-2026-${String(k + 1).padStart(6, '0')}`,
    }));
    const { xml, included, omitted } = capAtomFeed(feedOf(many));
    assert.ok(new TextEncoder().encode(xml).length <= CAP_FEED_MAX_BYTES);
    // Long Tifinagh text (3 bytes a character): the byte budget, not the entry cap, stops the feed.
    assert.ok(included > 0 && included < CAP_FEED_MAX_ENTRIES, `included ${included}`);
    assert.equal(included + omitted, 300);
    assert.equal(await xpath(xml, `count(${entry})`), String(included));
    assert.equal(await xpath(xml, `string((${entry})[1]/*[local-name()='id'])`), 'ma.dgsn.tifli:TM-2026-000300:1');
    assert.ok((await checkXml(xml)).valid);

    const small = many.map((e) => ({ ...e, title: 'Alerte', summary: 'Exercice' }));
    const capped = capAtomFeed(feedOf(small));
    assert.deepEqual([capped.included, capped.omitted], [CAP_FEED_MAX_ENTRIES, 300 - CAP_FEED_MAX_ENTRIES]);
  });

  test('refuses unusable ids and URLs, naming the fields', () => {
    const bad: CapFeedEntry = { id: 'no scheme here', title: 'x', updated: SENT, capUrl: '/alerts/x.cap' };
    assert.throws(
      () => capAtomFeed(feedOf([bad])),
      (e: unknown) => e instanceof CapDocumentError && e.errors.map((x) => x.field).join(' ') === '/entries/0/id /entries/0/capUrl',
    );
  });
});
