/**
 * The master key ring: keys from MASTER_KEYS (id:base64 pairs) with one active key for new wraps;
 * older keys stay to unwrap until `tifli keys rotate` has re-wrapped everything. Without MASTER_KEYS
 * (development and tests only; production refuses to start), a key is generated once into
 * DATA_DIR/secrets/master.key with owner-only permissions, so `npm start` needs no setup.
 *
 * @example
 *   const ring = await loadMasterKeyRing(config);
 *   const { id, key } = ring.active;
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config, MasterKey } from '../../config/config.ts';

export interface MasterKeyRing {
  readonly active: MasterKey;
  get(id: string): MasterKey | undefined;
  readonly ids: readonly string[];
  /** True when the key came from DATA_DIR rather than configuration. */
  readonly development: boolean;
}

function ringOf(keys: readonly MasterKey[], activeId: string, development: boolean): MasterKeyRing {
  const byId = new Map(keys.map((k) => [k.id, k]));
  const active = byId.get(activeId);
  if (!active) throw new Error(`active master key "${activeId}" is not in the ring`);
  return { active, get: (id) => byId.get(id), ids: [...byId.keys()], development };
}

export async function loadMasterKeyRing(config: Pick<Config, 'masterKeys' | 'masterKeyActive' | 'dataDir' | 'env'>): Promise<MasterKeyRing> {
  if (config.masterKeys.length > 0) {
    return ringOf(config.masterKeys, config.masterKeyActive ?? config.masterKeys[config.masterKeys.length - 1]!.id, false);
  }
  if (config.env === 'production') throw new Error('MASTER_KEYS is required in production');
  const file = path.join(config.dataDir, 'secrets', 'master.key');
  let line: string;
  try {
    line = (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    line = `dev1:${randomBytes(32).toString('base64')}`;
    await writeFile(file, `${line}\n`, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
      // Another process created it first: use theirs.
      if (err.code !== 'EEXIST') throw err;
      line = (await readFile(file, 'utf8')).trim();
    });
  }
  const [id = '', b64 = ''] = line.split(':');
  const key = Buffer.from(b64, 'base64');
  if (!id || key.length !== 32) throw new Error(`${file} is not a valid development master key`);
  return ringOf([{ id, key }], id, true);
}
