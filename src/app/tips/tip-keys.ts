/**
 * The key that signs tip intake's proof-of-work challenges: derived from the active master key with
 * HKDF-SHA256 under its own purpose (`tifli/tip-proof/v1`), so it can stand in for no other key and is
 * no master key itself. After a master key rotation, challenges issued under the old key simply stop
 * verifying (they live five minutes).
 *
 * @example
 *   const key = tipProofKey(ctx.keys); // 32 bytes
 */
import { hkdfSync } from 'node:crypto';
import type { MasterKeyRing } from '../../platform/crypto/master-keys.ts';

export const TIP_PROOF_PURPOSE = 'tifli/tip-proof/v1';

export function tipProofKey(ring: MasterKeyRing): Buffer {
  return Buffer.from(hkdfSync('sha256', ring.active.key, Buffer.alloc(0), TIP_PROOF_PURPOSE, 32));
}
