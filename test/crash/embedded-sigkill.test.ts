/**
 * Nothing committed is lost when the embedded database's process is killed outright: a child process
 * commits rows on PGlite and is SIGKILLed mid-stream; a restart on the same data directory finds every
 * row whose commit was acknowledged, and the database opens cleanly (PostgreSQL crash recovery).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/database.ts';

const WRITER = path.resolve('test/crash/commit-writer.ts');

test('rows acknowledged before a SIGKILL are all there after the restart', { skip: process.env.DATABASE_URL ? 'embedded mode only' : false }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tifli-kill-'));
  try {
    const child = spawn(process.execPath, [WRITER, path.join(dir, 'db')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const l of lines) if (l) acknowledged = Number(l);
        if (acknowledged >= 150 && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    assert.ok(acknowledged >= 150, `the writer acknowledged ${acknowledged} commits before it was killed`);
    const store = await openDatabase({ mode: 'embedded', dir: path.join(dir, 'db') });
    try {
      const r = await sql<{ n: string; max: number }>`select count(*)::int8 as n, max(n) as max from acks`.execute(store.db);
      const row = r.rows[0];
      assert.ok(row && Number(row.n) >= acknowledged, `found ${row?.n} rows, ${acknowledged} were acknowledged`);
      assert.equal(Number(row.n), row.max, 'no gap: every commit up to the last one is there');
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
