/**
 * Users' TOTP seeds as a source of sealed values, so master-key rotation re-seals them and
 * `tifli keys status` counts them (see app/crypto/sealed-values.ts, whose list should include it).
 */
import { sealedKeyId } from '../../platform/crypto/secret-box.ts';
import { countTotpSeedsByMasterKey, lockTotpSeedsNotUnder, replaceTotpSeed } from '../../store/repositories/users.repository.ts';
import type { SealedValueSource } from '../crypto/sealed-values.ts';
import { totpSealContext } from './totp.ts';

export const totpSeedSealedValues: SealedValueSource = {
  name: 'TOTP seeds',
  async lockNotUnder(trx, keyId, afterId, limit) {
    const rows = await lockTotpSeedsNotUnder(trx, keyId, afterId, limit);
    return rows.map((r) => ({ id: r.id, sealed: r.sealed, context: totpSealContext(r.id) }));
  },
  async replace(trx, id, sealed, keyId, at) {
    if (sealedKeyId(sealed) !== keyId) throw new Error(`re-sealed TOTP seed ${id} is not under master key "${keyId}"`);
    return replaceTotpSeed(trx, id, sealed, at);
  },
  async countByMasterKey(db) {
    return countTotpSeedsByMasterKey(db);
  },
};
