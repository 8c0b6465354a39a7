/**
 * "Who is inside the zone": the active subscriptions of a channel whose area overlaps the zone's H3
 * cells, as a SQL fragment that other statements embed (the dispatcher inserts deliveries straight
 * from it, so a million recipients never pass through the process's memory).
 *
 * Two H3 cells overlap exactly when one contains the other (domain/zone/cell-ranges.ts):
 *   1. subscriber cells inside a zone cell: their `lo` lies in the zone cell's [lo, hi]  (index on lo);
 *   2. subscriber cells containing a zone cell: they are one of its ancestors             (index on cell).
 *
 * @example
 *   const inside = whoIsInside(version.zone_cells, 'whatsapp');
 *   await sql`INSERT INTO deliveries (…) SELECT … FROM (${inside}) i`.execute(trx);
 */
import { type RawBuilder, sql } from 'kysely';
import { ancestorCells, cellRange } from '../../domain/zone/cell-ranges.ts';

export function whoIsInside(zoneCells: readonly string[], channel: string): RawBuilder<{ subscription_id: string }> {
  const ranges = zoneCells.map(cellRange);
  const lo = ranges.map((r) => r.lo.toString());
  const hi = ranges.map((r) => r.hi.toString());
  const ancestors = ancestorCells(zoneCells, 0).map((c) => BigInt(`0x${c}`).toString());
  return sql<{ subscription_id: string }>`
    SELECT sc.subscription_id FROM unnest(${lo}::int8[], ${hi}::int8[]) AS z(lo, hi)
      JOIN subscription_cells sc ON sc.channel = ${channel} AND sc.lo BETWEEN z.lo AND z.hi
    UNION
    SELECT sc.subscription_id FROM subscription_cells sc
      WHERE sc.channel = ${channel} AND sc.cell = ANY(${ancestors}::int8[])`;
}
