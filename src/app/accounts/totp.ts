/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of clock drift either
 * way), as authenticator apps expect. Seeds are sealed with the master key ring, bound to the
 * user's id, and only ever opened here.
 *
 * @example
 *   const seed = newTotpSeed();
 *   const uri = totpUri(seed, 'a.tazi'); // otpauth://totp/Tifli%20DGSN:a.tazi?...
 *   const step = matchTotp(seed, '123456', clock.now()); // the accepted time step, or undefined
 */
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { MasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { open, seal } from '../../platform/crypto/secret-box.ts';

export const TOTP_ISSUER = 'Tifli DGSN';
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD = 30;
const WINDOW = 1;

export const totpSealContext = (userId: string): string => `totp:${userId}`;

/** A new 160-bit seed, in base32 as authenticator apps take it. */
export const newTotpSeed = (): string => new OTPAuth.Secret({ size: 20 }).base32;

const totpOf = (seedBase32: string, username = ''): OTPAuth.TOTP =>
  new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label: username, algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, secret: OTPAuth.Secret.fromBase32(seedBase32) });

export const totpUri = (seedBase32: string, username: string): string => totpOf(seedBase32, username).toString();

/** The otpauth URI as a QR code, an SVG data URL the console can show in an <img>. */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** The time step the code belongs to (within ±1 step of `now`), or undefined when it matches none. */
export function matchTotp(seedBase32: string, code: string, now: Date): number | undefined {
  const timestamp = now.getTime();
  const delta = totpOf(seedBase32).validate({ token: code, timestamp, window: WINDOW });
  if (delta === null) return undefined;
  return OTPAuth.TOTP.counter({ period: PERIOD, timestamp }) + delta;
}

/** The current code: for tests and the test sign-in helper, never sent by the server. */
export const currentTotp = (seedBase32: string, now: Date): string => totpOf(seedBase32).generate({ timestamp: now.getTime() });

export const sealTotpSeed = (keys: MasterKeyRing, userId: string, seedBase32: string): string => seal(keys, Buffer.from(seedBase32, 'utf8'), totpSealContext(userId));

export const openTotpSeed = (keys: MasterKeyRing, userId: string, sealed: string): string => open(keys, sealed, totpSealContext(userId)).toString('utf8');
