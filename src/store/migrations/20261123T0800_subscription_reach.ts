/**
 * A circle subscription becomes one stored cell: its centre's res-7 cell with its reach in distance
 * bands (domain/zone/zone-bands.ts), instead of its res-6 cover (~6.5 rows a circle, which made "who is
 * inside" read and de-duplicate millions of pairs at national scale). Provinces keep their cover
 * (reach null). Each form gets its own partial index; the lookup of centres carries the reach in the
 * index so it never visits the table.
 *
 * Existing circle subscriptions are rewritten here with the same domain functions the app uses today
 * (h3 centre cell, circleReach); if those ever change, a later migration rewrites the rows again.
 */
import { latLngToCell } from 'h3-js';
import { type Kysely, sql } from 'kysely';
import { cellRange } from '../../domain/zone/cell-ranges.ts';
import { CENTRE_CELL_RESOLUTION, circleReach } from '../../domain/zone/zone-bands.ts';

interface CircleRow {
  readonly id: string;
  readonly channel: string;
  readonly lat: number;
  readonly lon: number;
  readonly radius_km: number;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE subscription_cells ADD COLUMN reach smallint;
    DROP INDEX subscription_cells_by_lo;
    DROP INDEX subscription_cells_by_cell;
    CREATE INDEX subscription_cells_cover_by_lo ON subscription_cells (channel, lo) INCLUDE (subscription_id) WHERE reach IS NULL;
    CREATE INDEX subscription_cells_cover_by_cell ON subscription_cells (channel, cell) INCLUDE (subscription_id) WHERE reach IS NULL;
    CREATE INDEX subscription_cells_centre_by_lo ON subscription_cells (channel, lo) INCLUDE (reach, subscription_id) WHERE reach IS NOT NULL;
  `.execute(db);
  const circles = await sql<CircleRow>`
    SELECT s.id, s.channel, (s.area->>'lat')::float8 AS lat, (s.area->>'lon')::float8 AS lon, (s.area->>'radiusKm')::float8 AS radius_km
      FROM subscriptions s
     WHERE s.area->>'kind' = 'circle' AND EXISTS (SELECT 1 FROM subscription_cells c WHERE c.subscription_id = s.id)`.execute(db);
  for (let i = 0; i < circles.rows.length; i += 1000) {
    const chunk = circles.rows.slice(i, i + 1000);
    const ids = chunk.map((r) => r.id);
    await sql`DELETE FROM subscription_cells WHERE subscription_id = ANY(${ids}::uuid[])`.execute(db);
    const rows = chunk.map((r) => ({ r, range: cellRange(latLngToCell(r.lat, r.lon, CENTRE_CELL_RESOLUTION)) }));
    await sql`
      INSERT INTO subscription_cells (subscription_id, channel, cell, lo, hi, reach)
      SELECT * FROM unnest(${ids}::uuid[], ${chunk.map((r) => r.channel)}::text[], ${rows.map((x) => x.range.cell.toString())}::int8[],
                           ${rows.map((x) => x.range.lo.toString())}::int8[], ${rows.map((x) => x.range.hi.toString())}::int8[],
                           ${chunk.map((r) => circleReach(r.radius_km))}::int2[])`.execute(db);
  }
}
