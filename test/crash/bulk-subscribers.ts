/**
 * Many active WhatsApp (or SMS, or e-mail) subscriptions at once, written straight with SQL (one INSERT … SELECT over
 * generate_series for the subscriptions, one for their cells): 100,000 take seconds, where the
 * sign-up use case would take an hour of confirmations. Each subscription covers one H3 resolution-6
 * cell, as the sign-up stores a small circle; numbers are distinct synthetic E.164 numbers
 * (`+2126` + `prefix` + a zero-padded index), so a test can name every expected recipient.
 *
 * @example
 *   const subs = await insertWhatsAppSubscribers(db, { count: 100_000, lat: 34.0134, lon: -6.8326, prefix: '0' });
 *   subs.addresses.length === 100_000; // '+212600000000', '+212600000001', …
 */
import { latLngToCell } from 'h3-js';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/store/schema.ts';
import { cellRange } from '../../src/domain/zone/cell-ranges.ts';

export interface BulkSubscribers {
  /** The subscribers' numbers, in index order. */
  readonly addresses: readonly string[];
}

/** Digits after '+2126' and the prefix: the index, zero-padded. */
const INDEX_DIGITS = 7;

export async function insertWhatsAppSubscribers(db: Kysely<DB>, options: { count: number; lat: number; lon: number; prefix: string; now?: Date }): Promise<BulkSubscribers> {
  return insertPhoneSubscribers(db, 'whatsapp', options);
}

/** Active SMS subscribers, numbered as the WhatsApp ones (use another prefix to keep both apart). */
export async function insertSmsSubscribers(db: Kysely<DB>, options: { count: number; lat: number; lon: number; prefix: string; now?: Date }): Promise<BulkSubscribers> {
  return insertPhoneSubscribers(db, 'sms', options);
}

async function insertPhoneSubscribers(db: Kysely<DB>, channel: 'whatsapp' | 'sms', options: { count: number; lat: number; lon: number; prefix: string; now?: Date }): Promise<BulkSubscribers> {
  if (!/^\d$/.test(options.prefix)) throw new Error('prefix: one digit');
  if (options.count > 10 ** INDEX_DIGITS) throw new Error(`count: at most ${10 ** INDEX_DIGITS}`);
  const now = options.now ?? new Date();
  const { cell, lo, hi } = cellRange(latLngToCell(options.lat, options.lon, 6));
  const area = JSON.stringify({ kind: 'circle', lat: options.lat, lon: options.lon, radiusKm: 1 });
  const consent = JSON.stringify({ at: now.toISOString(), channel, wordingVersion: 'crash-test' });
  const head = `+2126${options.prefix}`;
  await sql`
    WITH added AS (
      INSERT INTO subscriptions (id, channel, status, address, address_key, push_keys, languages, area, quiet_hours, consent, created_at, updated_at, confirmed_at)
      SELECT gen_random_uuid(), ${channel}::text, 'active', ${head} || lpad(g::text, ${INDEX_DIGITS}, '0'), md5(${head} || g::text), NULL,
             ARRAY[CASE WHEN g % 2 = 0 THEN 'fr-MA' ELSE 'ar-MA' END], ${area}::jsonb, NULL, ${consent}::jsonb, ${now}, ${now}, ${now}
        FROM generate_series(0, ${options.count - 1}) AS g
      RETURNING id
    )
    INSERT INTO subscription_cells (subscription_id, channel, cell, lo, hi)
    SELECT id, ${channel}::text, ${cell.toString()}::int8, ${lo.toString()}::int8, ${hi.toString()}::int8 FROM added`.execute(db);
  return { addresses: Array.from({ length: options.count }, (_, i) => `${head}${String(i).padStart(INDEX_DIGITS, '0')}`) };
}

/** Active e-mail subscribers (citizen-<index>@scale.example.test) in the res-6 cell of the point, as one statement. */
export async function insertEmailSubscribers(db: Kysely<DB>, options: { count: number; lat: number; lon: number; now?: Date }): Promise<BulkSubscribers> {
  const now = options.now ?? new Date();
  const { cell, lo, hi } = cellRange(latLngToCell(options.lat, options.lon, 6));
  const area = JSON.stringify({ kind: 'circle', lat: options.lat, lon: options.lon, radiusKm: 1 });
  const consent = JSON.stringify({ at: now.toISOString(), channel: 'email', wordingVersion: 'scale-test' });
  await sql`
    WITH added AS (
      INSERT INTO subscriptions (id, channel, status, address, address_key, push_keys, languages, area, quiet_hours, consent, created_at, updated_at, confirmed_at)
      SELECT gen_random_uuid(), 'email', 'active', 'citizen-' || g::text || '@scale.example.test', md5('citizen-' || g::text), NULL,
             ARRAY[CASE WHEN g % 2 = 0 THEN 'fr-MA' ELSE 'ar-MA' END], ${area}::jsonb, NULL, ${consent}::jsonb, ${now}, ${now}, ${now}
        FROM generate_series(0, ${options.count - 1}) AS g
      RETURNING id
    )
    INSERT INTO subscription_cells (subscription_id, channel, cell, lo, hi)
    SELECT id, 'email', ${cell.toString()}::int8, ${lo.toString()}::int8, ${hi.toString()}::int8 FROM added`.execute(db);
  return { addresses: Array.from({ length: options.count }, (_, i) => `citizen-${i}@scale.example.test`) };
}
