/**
 * Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane). Unknown usernames
 * are verified against a dummy hash so that a wrong username and a wrong password take the same time.
 *
 * @example
 *   const stored = await hashPassword('blue tagine at dusk');
 *   await verifyPassword(stored, candidate); // true / false, never throws on a bad hash
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

const PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(stored, password);
  } catch {
    // A malformed stored hash denies access rather than failing the request.
    return false;
  }
}

/** True when the stored hash uses weaker parameters than today's, so it should be replaced at sign-in. */
export function passwordNeedsRehash(stored: string): boolean {
  try {
    return argon2.needsRehash(stored, { memoryCost: PARAMS.memoryCost, timeCost: PARAMS.timeCost, parallelism: PARAMS.parallelism });
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same work as a real verification and always fails: for unknown or password-less accounts. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= argon2.hash(randomBytes(32), PARAMS);
  await verifyPassword(await dummyHash, password);
  return false;
}
