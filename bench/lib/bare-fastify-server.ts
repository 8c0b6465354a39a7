/**
 * The peer for start-up and memory figures: a bare Fastify hello-world answering GET /healthz, started
 * the same way as `node bin/tifli.js serve` (same Node, HOST and PORT from the environment), so a
 * ratio against it shows what the platform itself costs.
 *
 * @example
 *   HOST=127.0.0.1 PORT=4000 node bench/lib/bare-fastify-server.ts
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? '0') });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close());
