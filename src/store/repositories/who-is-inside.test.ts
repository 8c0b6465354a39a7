/**
 * whoIsInside on the database (PGlite, or PostgreSQL with DATABASE_URL): circles stored as their centre
 * cell and reach, provinces as their cover, one channel at a time, every subscriber at most once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { areaCells, cellRows, type SubscriptionArea } from '../../domain/subscription/subscription-area.ts';
import { destination } from '../../domain/zone/circle-ring.ts';
import { compactZoneCells, zoneCells } from '../../domain/zone/zone-cells.ts';
import { bandRangesSql, whoIsInside } from './who-is-inside.ts';
import { cellRange } from '../../domain/zone/cell-ranges.ts';
import { latLngToCell } from 'h3-js';

const CASABLANCA = { lat: 33.5731, lon: -7.5898 };
let t: TestContext;

before(async () => {
  t = await createTestContext();
});
after(async () => {
  await t.close();
});

/** A point `km` east of Casablanca. */
function east(km: number): { lat: number; lon: number } {
  const [lon, lat] = destination(CASABLANCA, km, Math.PI / 2);
  return { lat, lon };
}

async function subscribe(area: SubscriptionArea, channel: 'email' | 'sms' = 'email'): Promise<string> {
  const id = randomUUID();
  const now = new Date('2026-11-23T10:00:00Z');
  await t.store.db
    .insertInto('subscriptions')
    .values({ id, channel, status: 'active', address: `${id}@example.test`, address_key: id, push_keys: null, languages: ['fr-MA'], area: JSON.stringify(area), quiet_hours: null, consent: JSON.stringify({ at: now.toISOString() }), created_at: now, updated_at: now, confirmed_at: now })
    .execute();
  await t.store.db
    .insertInto('subscription_cells')
    .values(cellRows(areaCells(area, t.geo)).map((c) => ({ subscription_id: id, channel, ...c })))
    .execute();
  return id;
}

test('circles that meet the zone and provinces that overlap it are inside, each once; the others and other channels are not', async () => {
  const circle = (km: number, radiusKm: number): SubscriptionArea => ({ kind: 'circle', ...east(km), radiusKm });
  const marrakech = t.geo.locate({ lat: 31.6295, lon: -7.9811 })?.provinceCode ?? assert.fail('Marrakech');
  const casablanca = t.geo.locate(CASABLANCA)?.provinceCode ?? assert.fail('Casablanca');
  const ids = {
    near: await subscribe(circle(10, 5)),
    touching: await subscribe(circle(28, 10)), // 28 km away, 10 km radius: meets a 20 km zone
    wide: await subscribe(circle(65, 50)), // meets it by 5 km
    far: await subscribe(circle(60, 2)), // 38 km short
    farWide: await subscribe(circle(90, 50)), // 20 km short
    province: await subscribe({ kind: 'provinces', codes: [casablanca] }),
    twoProvinces: await subscribe({ kind: 'provinces', codes: [casablanca, 'MA-RAB'].sort() }),
    otherProvince: await subscribe({ kind: 'provinces', codes: [marrakech] }),
    otherChannel: await subscribe(circle(10, 5), 'sms'),
  };
  const zone = compactZoneCells(zoneCells({ circles: [{ center: CASABLANCA, radiusKm: 20 }], provinces: [], regions: [], polygons: [] }, t.geo));
  const rows = await sql<{ subscription_id: string }>`SELECT subscription_id FROM (${whoIsInside(zone, 'email')}) i`.execute(t.store.db);
  const found = rows.rows.map((r) => r.subscription_id);
  assert.equal(new Set(found).size, found.length, 'nobody twice');
  assert.deepEqual(new Set(found), new Set([ids.near, ids.touching, ids.wide, ids.province, ids.twoProvinces]));

  const sms = await sql<{ subscription_id: string }>`SELECT subscription_id FROM (${whoIsInside(zone, 'sms')}) i`.execute(t.store.db);
  assert.deepEqual(sms.rows.map((r) => r.subscription_id), [ids.otherChannel]);
  assert.deepEqual((await sql<{ subscription_id: string }>`SELECT subscription_id FROM (${whoIsInside([], 'email')}) i`.execute(t.store.db)).rows, [], 'an empty zone (a Cancel) reaches nobody');
});

test('the database computes the same cell ranges as cellRange, at every resolution a band or zone cell has', async () => {
  const cells = [0, 3, 5, 6, 7].flatMap((res) => [latLngToCell(33.5731, -7.5898, res), latLngToCell(27.15, -13.2, res)]);
  const rows = await sql<{ lo: string; hi: string; band: number }>`${bandRangesSql({ cells, bands: cells.map((_, i) => i) })}`.execute(t.store.db);
  assert.deepEqual(
    rows.rows.map((r) => ({ lo: String(r.lo), hi: String(r.hi), band: r.band })),
    cells.map((c, i) => ({ lo: cellRange(c).lo.toString(), hi: cellRange(c).hi.toString(), band: i })),
  );
});
