/**
 * "Who is inside the zone": the active subscriptions of a channel whose area meets the zone, as a SQL
 * fragment that other statements embed (the dispatcher inserts deliveries straight from it, so a
 * million recipients never pass through the process's memory).
 *
 * Two stored forms (domain/subscription/subscription-area.ts), two lookups:
 *   - a circle is its centre's res-7 cell with a reach: inside when the centre lies in a cell of the
 *     zone's distance bands (domain/zone/zone-bands.ts) whose band is ≤ the reach. Band cells are
 *     disjoint, so each subscriber matches at most once: no de-duplication (index on lo, reach included);
 *   - a provinces cover: H3 cells overlap exactly when one contains the other (domain/zone/cell-ranges.ts):
 *     cover cells inside a zone cell (their `lo` in its [lo, hi], index on lo) or containing one (one of
 *     its ancestors, index on cell); a cover has many cells, so this part is de-duplicated.
 *
 * @example
 *   const inside = whoIsInside(version.zone_cells, 'whatsapp');
 *   await sql`INSERT INTO deliveries (…) SELECT … FROM (${inside}) i`.execute(trx);
 */
import { type RawBuilder, sql } from 'kysely';
import { ancestorCells, cellRange } from '../../domain/zone/cell-ranges.ts';
import { zoneBands, type ZoneBands } from '../../domain/zone/zone-bands.ts';

/** The last zone's bands: a version is planned once per fan-out channel, one after the other. */
let lastBands: { key: string; bands: ZoneBands } | undefined;

function bandsOf(zoneCells: readonly string[]): ZoneBands {
  const key = zoneCells.join();
  if (lastBands?.key !== key) lastBands = { key, bands: zoneBands(zoneCells) };
  return lastBands.bands;
}

/** `bands` defaults to the zone's own (kept for the next call with the same zone). */
export function whoIsInside(zoneCells: readonly string[], channel: string, bands: ZoneBands = bandsOf(zoneCells)): RawBuilder<{ subscription_id: string }> {
  const ranges = zoneCells.map(cellRange);
  const lo = ranges.map((r) => r.lo.toString());
  const hi = ranges.map((r) => r.hi.toString());
  const ancestors = ancestorCells(zoneCells, 0).map((c) => BigInt(`0x${c}`).toString());
  return sql<{ subscription_id: string }>`
    (SELECT sc.subscription_id FROM unnest(${lo}::int8[], ${hi}::int8[]) AS z(lo, hi)
       JOIN subscription_cells sc ON sc.channel = ${channel} AND sc.reach IS NULL AND sc.lo BETWEEN z.lo AND z.hi
     UNION
     SELECT sc.subscription_id FROM subscription_cells sc
      WHERE sc.channel = ${channel} AND sc.reach IS NULL AND sc.cell = ANY(${ancestors}::int8[]))
    UNION ALL
    SELECT sc.subscription_id FROM (${bandRangesSql(bands)}) AS b
      JOIN subscription_cells sc ON sc.channel = ${channel} AND sc.reach IS NOT NULL AND sc.lo BETWEEN b.lo AND b.hi AND sc.reach >= b.band`;
}

/**
 * The band cells as (lo, hi, band) rows, their ranges computed by the database from the hex indexes:
 * tens of thousands of BigInt conversions in the process cost more than the lookup itself.
 * Same layout as cellRange (domain/zone/cell-ranges.ts): resolution in bits 52–55, digit i in bits
 * 3·(15−i)…; the free digits below the cell's resolution become 0 (lo) or 6 (hi), resolution 15.
 */
export function bandRangesSql(bands: ZoneBands): RawBuilder<{ lo: string; hi: string; band: number }> {
  return sql`
    SELECT (c.v & ~(x'00F0000000000000'::int8 | free.mask)) | x'00F0000000000000'::int8 AS lo,
           (c.v & ~(x'00F0000000000000'::int8 | free.mask)) | x'00F0000000000000'::int8 | (free.mask & x'0DB6DB6DB6DB6DB6'::int8) AS hi,
           c.band
      FROM (SELECT ('x' || lpad(h, 16, '0'))::bit(64)::int8 AS v, band FROM unnest(${bands.cells}::text[], ${bands.bands}::int2[]) AS u(h, band)) AS c,
           LATERAL (SELECT ((1::int8 << (3 * (15 - ((c.v >> 52) & 15)))::int) - 1) AS mask) AS free`;
}
