/**
 * The backup file: one plain JSON header line, then the content gzipped and sealed with AES-256-GCM,
 * then the 16-byte GCM tag. The content is JSON lines (take-backup.ts writes them, restore-backup.ts
 * reads them). The key is derived (HKDF-SHA256, a fresh random salt per file) from the master key
 * active when the backup was taken, named in the header; the header is authenticated with the content.
 *
 * So a backup file on its own discloses nothing, restricted data included (addresses, contacts, tips
 * are stored in clear inside the database, sealed only here); restoring needs the master key it names;
 * and a byte changed or cut anywhere is detected before a restore commits.
 *
 * @example
 *   await writeBackupFile('/backups/tifli.bak', ring, lines());            // lines: AsyncIterable<string>
 *   const header = await readBackupHeader('/backups/tifli.bak');           // { masterKeyId: 'k2', … }
 *   for await (const line of readBackupLines('/backups/tifli.bak', ring)) { … }
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { MasterKeyRing } from '../../platform/crypto/master-keys.ts';

export const BACKUP_FORMAT = 'tifli-backup';
export const BACKUP_VERSION = 1;
const TAG_BYTES = 16;
const HEADER_MAX = 4096;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly cipher: 'aes-256-gcm';
  readonly kdf: 'hkdf-sha256';
  /** The master key the content is sealed under: restoring needs it in MASTER_KEYS. */
  readonly masterKeyId: string;
  readonly salt: string;
  readonly iv: string;
  readonly createdAt: string;
}

/** A file that is not a backup, is damaged, or cannot be opened with the configured keys. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

const contentKey = (masterKey: Buffer, salt: Buffer): Buffer => Buffer.from(hkdfSync('sha256', masterKey, salt, 'tifli backup v1', 32));

/**
 * Writes `lines` to `file` sealed under the ring's active key: to `file.partial` first, renamed once
 * complete and on disk, so a backup that stopped half-way never looks like one. Refuses to replace an
 * existing file unless `overwrite`.
 */
export async function writeBackupFile(file: string, ring: MasterKeyRing, lines: AsyncIterable<string>, options: { overwrite?: boolean; now?: Date } = {}): Promise<{ bytes: number; header: BackupHeader }> {
  if (!options.overwrite) {
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (exists) throw new BackupFileError(`${file} exists already; choose another name (or --force to replace it).`);
  }
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    cipher: 'aes-256-gcm',
    kdf: 'hkdf-sha256',
    masterKeyId: ring.active.id,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`);
  const cipher = createCipheriv('aes-256-gcm', contentKey(ring.active.key, salt), iv);
  cipher.setAAD(headerLine);
  const partial = `${file}.partial`;
  await writeFile(partial, headerLine, { mode: 0o600 });
  try {
    async function* text() {
      for await (const line of lines) yield `${line}\n`;
    }
    async function* withTag(sealed: AsyncIterable<Buffer>) {
      for await (const chunk of sealed) yield chunk;
      yield cipher.getAuthTag();
    }
    await pipeline(Readable.from(text()), createGzip(), cipher, withTag, createWriteStream(partial, { flags: 'a' }));
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { bytes: (await stat(file)).size, header };
}

/** The plain header of a backup file (no key needed). */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; headerBytes: number; size: number }> {
  const handle = await open(file, 'r').catch(() => {
    throw new BackupFileError(`${file} cannot be read.`);
  });
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(HEADER_MAX, size));
    await handle.read(buf, 0, buf.length, 0);
    const end = buf.indexOf(0x0a);
    let header: Partial<BackupHeader>;
    try {
      if (end < 0) throw new Error('no header line');
      header = JSON.parse(buf.subarray(0, end).toString('utf8')) as Partial<BackupHeader>;
    } catch {
      throw new BackupFileError(`${file} is not a Tifli backup.`);
    }
    if (header.format !== BACKUP_FORMAT) throw new BackupFileError(`${file} is not a Tifli backup.`);
    if (header.version !== BACKUP_VERSION || header.cipher !== 'aes-256-gcm' || header.kdf !== 'hkdf-sha256') {
      throw new BackupFileError(`${file} is a backup in format version ${String(header.version)}, which this release does not read.`);
    }
    if (typeof header.masterKeyId !== 'string' || typeof header.salt !== 'string' || typeof header.iv !== 'string' || typeof header.createdAt !== 'string') {
      throw new BackupFileError(`${file} has a damaged header.`);
    }
    if (size < end + 1 + TAG_BYTES) throw new BackupFileError(`${file} is cut short.`);
    return { header: header as BackupHeader, headerBytes: end + 1, size };
  } finally {
    await handle.close();
  }
}

/**
 * The content lines of a backup, decrypted and checked as they stream. Throws BackupFileError when the
 * master key is missing, and when the file was altered or cut (only at the very end, so callers must
 * not commit anything before the iteration has finished).
 */
export async function* readBackupLines(file: string, ring: MasterKeyRing): AsyncGenerator<string> {
  const { header, headerBytes, size } = await readBackupHeader(file);
  const master = ring.get(header.masterKeyId);
  if (!master) throw new BackupFileError(`This backup is sealed under master key "${header.masterKeyId}", which is not in MASTER_KEYS. Add it to MASTER_KEYS (it need not be the active key) to restore.`);
  const handle = await open(file, 'r');
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const headerLine = Buffer.alloc(headerBytes);
  const h = await open(file, 'r');
  try {
    await h.read(headerLine, 0, headerBytes, 0);
  } finally {
    await h.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', contentKey(master.key, Buffer.from(header.salt, 'base64')), Buffer.from(header.iv, 'base64'));
  decipher.setAAD(headerLine);
  decipher.setAuthTag(tag);
  const source = size - TAG_BYTES > headerBytes ? createReadStream(file, { start: headerBytes, end: size - TAG_BYTES - 1 }) : Readable.from([]);
  const gunzip = createGunzip();
  const damaged = () => new BackupFileError(`${file} is damaged or was altered (it does not authenticate under master key "${header.masterKeyId}").`);
  source.on('error', (err: Error) => gunzip.destroy(err));
  decipher.on('error', () => gunzip.destroy(damaged()));
  source.pipe(decipher).pipe(gunzip);

  let rest = Buffer.alloc(0);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let nl = data.indexOf(0x0a);
      while (nl >= 0) {
        yield data.subarray(0, nl).toString('utf8');
        data = data.subarray(nl + 1);
        nl = data.indexOf(0x0a);
      }
      rest = Buffer.from(data);
    }
  } catch (err) {
    if (err instanceof BackupFileError) throw err;
    throw damaged();
  } finally {
    source.destroy();
  }
  if (rest.length) throw damaged();
}
