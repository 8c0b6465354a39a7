/**
 * A TCP proxy on loopback in front of a protocol peer, to take the provider "down" and bring it back:
 * while down, every connection (new or open) is reset, as when a provider's edge fails; once up,
 * connections pass through untouched. Works for any protocol (HTTP, SMTP, SMPP), since it never reads
 * the bytes. Written here because fault injection at the TCP level needs nothing more than node:net.
 *
 * @example
 *   const proxy = await startFaultProxy(new URL(smtp.url).port);
 *   proxy.down();                 // the platform sees ECONNRESET
 *   proxy.up();
 *   const url = `smtp://127.0.0.1:${proxy.port}`;
 */
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  readonly port: number;
  /** Connections accepted while up, and refused (reset) while down. */
  readonly counts: { passed: number; refused: number };
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetPort: number | string): Promise<FaultProxy> {
  const open = new Set<Socket>();
  let isDown = false;
  const counts = { passed: 0, refused: 0 };
  const server = createServer((client) => {
    if (isDown) {
      counts.refused += 1;
      client.resetAndDestroy();
      return;
    }
    counts.passed += 1;
    const upstream = createConnection({ host: '127.0.0.1', port: Number(targetPort) });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    down() {
      isDown = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    up() {
      isDown = false;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
