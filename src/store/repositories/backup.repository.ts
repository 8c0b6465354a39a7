/**
 * The SQL of backups and restores (app/backup): the catalogue (tables, columns, sequences, foreign
 * keys), rows read page by page as PostgreSQL's own text form of every value, rows written back from
 * that form, and the switches a restore flips (foreign keys off and on, user triggers off and on).
 *
 * Every value travels as text: each row is one JSON array of the columns' text output (`col::text`,
 * what COPY and pg_dump use), or null. Casting that text back with the column's type is exact for every
 * type (timestamps with their microseconds and offset, bytea in hex, numeric and bigint digits, arrays,
 * JSON documents as written, JSON null apart from SQL NULL), and nothing is parsed in JavaScript on the
 * way. Identifiers and type names always come from the target database's own catalogue, never from a
 * backup file.
 *
 * @example
 *   for (const t of await listDataTables(db)) {
 *     let page = await readRowsPage(db, t, undefined, 500);   // [{ ctid: '(0,1)', row: '["…",null,…]' }, …]
 *   }
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface ColumnInfo {
  readonly name: string;
  /** format_type(): "timestamp with time zone", "text[]", "character varying(64)", "pgboss.job_state". */
  readonly type: string;
}

export interface TableInfo {
  readonly schema: string;
  readonly name: string;
  /** Stored columns in attribute order; generated columns are left out (they are computed again). */
  readonly columns: readonly ColumnInfo[];
}

/** Bookkeeping a restore rebuilds by running the migrations, never copied. */
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export const qualified = (t: Pick<TableInfo, 'schema' | 'name'>): string => `${t.schema}.${t.name}`;
const tableRef = (t: Pick<TableInfo, 'schema' | 'name'>) => sql.table(qualified(t));

async function columnsOf(db: Db, schema: string, name: string): Promise<ColumnInfo[]> {
  const rows = await sql<ColumnInfo>`
    SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relname = ${name} AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY a.attnum`.execute(db);
  return rows.rows;
}

/** The application's tables (schema public), by name, with their stored columns. */
export async function listDataTables(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`.execute(db);
  const out: TableInfo[] = [];
  for (const { name } of tables.rows) {
    if (MIGRATION_TABLES.includes(name)) continue;
    out.push({ schema: 'public', name, columns: await columnsOf(db, 'public', name) });
  }
  return out;
}

/** pg-boss's job table, when the job queue's schema exists. */
export async function jobTable(db: Db): Promise<TableInfo | undefined> {
  const columns = await columnsOf(db, 'pgboss', 'job');
  return columns.length ? { schema: 'pgboss', name: 'job', columns } : undefined;
}

export async function pgbossSchemaVersion(db: Db): Promise<number | null> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('pgboss.version')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const row = await sql<{ version: number }>`SELECT version FROM pgboss.version LIMIT 1`.execute(db);
  return row.rows[0]?.version ?? null;
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('public.kysely_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  return (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((r) => r.name);
}

/** One row as a JSON array of its columns' text forms, e.g. `["9b1…", "2026-03-11 14:00:00+00", null]`. */
const rowText = (columns: readonly ColumnInfo[]) => sql<string>`to_jsonb(ARRAY[${sql.join(columns.map((c) => sql`${sql.ref(c.name)}::text`))}]::text[])::text`;

/** Up to `limit` rows after the physical position `afterCtid`, in physical order (stable within one snapshot). */
export async function readRowsPage(db: Db, table: TableInfo, afterCtid: string | undefined, limit: number): Promise<{ ctid: string; row: string }[]> {
  const rows = await sql<{ ctid: string; row: string }>`
    SELECT ctid::text AS ctid, ${rowText(table.columns)} AS row
    FROM ${tableRef(table)}
    WHERE ctid > ${afterCtid ?? '(0,0)'}::tid
    ORDER BY ctid
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** Jobs still to do (created, retry, active), after `after` in (name, id) order: what a restore must bring back. */
export async function readLiveJobsPage(db: Db, table: TableInfo, after: { name: string; id: string } | undefined, limit: number): Promise<{ name: string; id: string; row: string }[]> {
  const rows = await sql<{ name: string; id: string; row: string }>`
    SELECT name, id::text AS id, ${rowText(table.columns)} AS row
    FROM pgboss.job
    WHERE state IN ('created', 'retry', 'active') ${after ? sql`AND (name, id) > (${after.name}, ${after.id}::uuid)` : sql``}
    ORDER BY name, id
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export interface SequenceValue {
  readonly schema: string;
  readonly name: string;
  /** Null when the sequence was never used. */
  readonly last: string | null;
}

export async function readSequences(db: Db): Promise<SequenceValue[]> {
  const rows = await sql<SequenceValue>`SELECT schemaname AS schema, sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`.execute(db);
  return rows.rows;
}

export async function setSequence(trx: Transaction<DB>, schema: string, name: string, last: string): Promise<void> {
  await sql`SELECT setval(${`${schema}.${name}`}::regclass, ${last}::bigint, true)`.execute(trx);
}

/** Tables holding rows, leaving out what every fresh installation has (jurisdictions reference data, the audit anchor). */
export async function nonEmptyTables(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const t of await listDataTables(db)) {
    if (t.name === 'jurisdictions' || t.name === 'audit_anchor') continue;
    const any = await sql<{ one: number }>`SELECT 1 AS one FROM ${tableRef(t)} LIMIT 1`.execute(db);
    if (any.rows.length) out.push(t.name);
  }
  return out;
}

/** Other sessions of this application on this database (PostgreSQL): servers or workers still running. */
export async function otherApplicationSessions(db: Db): Promise<number> {
  const rows = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'tifli%'`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

/** Drops every table, function, trigger and sequence of the application (the schema public) and makes it anew. */
export async function recreatePublicSchema(trx: Transaction<DB>): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS public CASCADE`.execute(trx);
  await sql`CREATE SCHEMA public`.execute(trx);
}

export interface ForeignKey {
  readonly table: string;
  readonly name: string;
  readonly definition: string;
}

export async function listForeignKeys(trx: Transaction<DB>): Promise<ForeignKey[]> {
  const rows = await sql<ForeignKey>`
    SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname`.execute(trx);
  return rows.rows;
}

export async function dropForeignKey(trx: Transaction<DB>, fk: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.raw(fk.table)} DROP CONSTRAINT ${sql.id(fk.name)}`.execute(trx);
}

/** Adds the key back; PostgreSQL checks every row against it. */
export async function addForeignKey(trx: Transaction<DB>, fk: ForeignKey): Promise<void> {
  await sql`ALTER TABLE ${sql.raw(fk.table)} ADD CONSTRAINT ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(trx);
}

/** Turns the table's own triggers (not constraint triggers) off while rows are copied in, and on again. */
export async function setUserTriggers(trx: Transaction<DB>, table: TableInfo, enabled: boolean): Promise<void> {
  await sql`ALTER TABLE ${tableRef(table)} ${sql.raw(enabled ? 'ENABLE' : 'DISABLE')} TRIGGER USER`.execute(trx);
}

export async function deleteAllRows(trx: Transaction<DB>, table: TableInfo): Promise<void> {
  await sql`DELETE FROM ${tableRef(table)}`.execute(trx);
}

/**
 * Inserts rows given as one JSON array of row arrays (the text forms read by readRowsPage), casting each
 * value to its column's type. `onlyKnownQueues` keeps jobs whose queue exists (pg-boss's job table).
 * Returns the rows inserted.
 */
export async function insertRows(trx: Transaction<DB>, table: TableInfo, rowsJson: string, options: { onlyKnownQueues?: boolean } = {}): Promise<number> {
  const values = table.columns.map((c, i) => sql`(r->>${sql.lit(i)})::${sql.raw(c.type)}`);
  const nameIndex = table.columns.findIndex((c) => c.name === 'name');
  const filter = options.onlyKnownQueues && nameIndex >= 0 ? sql`WHERE (r->>${sql.lit(nameIndex)}) IN (SELECT name FROM pgboss.queue)` : sql``;
  const result = await sql`
    INSERT INTO ${tableRef(table)} (${sql.join(table.columns.map((c) => sql.ref(c.name)))}) OVERRIDING SYSTEM VALUE
    SELECT ${sql.join(values)} FROM jsonb_array_elements(${rowsJson}::jsonb) AS r ${filter}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export async function deleteAllJobs(trx: Transaction<DB>): Promise<void> {
  await sql`DELETE FROM pgboss.job`.execute(trx);
}

/** The settings that make every value's text form unambiguous (as pg_dump sets them), for this transaction. */
export async function useCanonicalTextForms(trx: Transaction<DB>): Promise<void> {
  for (const [name, value] of [
    ['DateStyle', 'ISO, YMD'],
    ['IntervalStyle', 'postgres'],
    ['TimeZone', 'UTC'],
    ['extra_float_digits', '3'],
    ['bytea_output', 'hex'],
  ] as const) {
    await sql`SELECT set_config(${name}, ${value}, true)`.execute(trx);
  }
}

export interface DestroyedKey {
  readonly ownerType: string;
  readonly ownerId: string;
  readonly dataKeyId: string;
  readonly destroyedAt: Date;
}

/** Every data key destroyed (crypto-shredded) in this database. */
export async function listDestroyedDataKeys(db: Db): Promise<DestroyedKey[]> {
  const rows = await db
    .selectFrom('data_keys')
    .select(['owner_type as ownerType', 'owner_id as ownerId', 'id as dataKeyId', 'destroyed_at as destroyedAt'])
    .where('destroyed_at', 'is not', null)
    .orderBy('destroyed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ownerType: r.ownerType, ownerId: r.ownerId, dataKeyId: r.dataKeyId, destroyedAt: r.destroyedAt ?? new Date(0) }));
}
