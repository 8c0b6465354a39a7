/**
 * The environment shared by the figures that run Tifli against the loopback WhatsApp peer on a scratch
 * PostgreSQL database: test mode, the bench's own master key, the scratch database and data directory,
 * and the WhatsApp channel pointed at the peer. Each figure adds its own settings on top.
 *
 * @example
 *   const env = { ...whatsappBenchEnv({ masterKeys, databaseUrl: scratch.url, dataDir, peer, verifyToken: 'soak' }), ZONE_STEP_MINUTES: '5' };
 */
import { type WhatsAppPeer, whatsappEnv } from '../../test/peers/whatsapp-peer.ts';

export interface WhatsAppBenchSetting {
  readonly masterKeys: string;
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly peer: WhatsAppPeer;
  readonly verifyToken: string;
  /** Defaults to 'warn': a bench prints its own figures, the processes only their troubles. */
  readonly logLevel?: string;
}

export function whatsappBenchEnv(s: WhatsAppBenchSetting): Record<string, string> {
  return {
    NODE_ENV: 'test',
    MASTER_KEYS: s.masterKeys,
    PUBLIC_BASE_URL: 'http://bench.test',
    LOG_LEVEL: s.logLevel ?? 'warn',
    DATABASE_URL: s.databaseUrl,
    DATA_DIR: s.dataDir,
    GRAPH_API_VERSION: s.peer.version,
    ...whatsappEnv(s.peer, s.verifyToken),
  };
}
