/**
 * Child process for embedded-sigkill.test.ts: commits numbered rows on an embedded database in the
 * directory given as argv[2], printing each number once its commit has returned, until it is killed.
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/database.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: commit-writer.ts <data dir>');
const store = await openDatabase({ mode: 'embedded', dir });
await sql`create table if not exists acks (n int primary key, payload text not null)`.execute(store.db);
for (let n = 1; ; n++) {
  await store.db.transaction().execute((trx) => sql`insert into acks values (${n}, ${'x'.repeat(2000)})`.execute(trx));
  process.stdout.write(`${n}\n`);
}
