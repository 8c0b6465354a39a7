/**
 * The peer for the tip-surge figure: bare Fastify with its form-body parser and one node-postgres pool
 * (the same size as Tifli's default), answering POST /alerts/:publicId/tips with one INSERT into the
 * same `tips` table and a 201 JSON receipt. No validation, no rate limit, no job, no page: what a tip
 * costs at the least, so the ratio shows what Tifli's intake adds.
 *
 * @example
 *   DATABASE_URL=postgres://… ALERT_ID=<uuid> CASE_ID=<uuid> HOST=127.0.0.1 PORT=4000 node bench/lib/bare-tip-insert-server.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import pg from 'pg';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const reference = (): string => Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join('');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const alertId = process.env.ALERT_ID ?? '';
const caseId = process.env.CASE_ID ?? '';

const app = Fastify({ logger: false });
await app.register(formbody);
app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/alerts/:publicId/tips', async (request, reply) => {
  const body = request.body as Record<string, string | undefined>;
  const ref = reference();
  await pool.query(
    `INSERT INTO tips (id, reference, alert_id, case_id, source, seen, place, language, received_at, has_photo) VALUES ($1, $2, $3, $4, 'web', $5, $6, $7, now(), false)`,
    [randomUUID(), ref, alertId, caseId, body.seen ?? '', body.place ?? null, body.lang ?? null],
  );
  return reply.code(201).send({ reference: ref });
});
await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? '0') });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => pool.end());
  });
}
