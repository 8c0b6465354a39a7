/**
 * The password rule for staff accounts: long rather than complex (NIST SP 800-63B §5.1.1.2):
 * at least 12 characters, at most 256, not one repeated character, not the username, not a
 * well-known password. Returns field errors that name the rule, never the password.
 *
 * @example
 *   const problems = checkPassword('correct horse battery', 'officer.tazi'); // [] when acceptable
 */
import type { FieldError } from '../errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Counts user-perceived characters roughly (code points), so Arabic or accented passwords are measured fairly. */
const length = (s: string): number => [...s].length;

export function checkPassword(password: string, username: string | null, field = 'password'): FieldError[] {
  const n = length(password);
  if (n < PASSWORD_MIN_LENGTH) return [{ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` }];
  if (n > PASSWORD_MAX_LENGTH) return [{ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` }];
  const chars = [...password];
  if (chars.every((c) => c === chars[0])) return [{ field, message: 'must not repeat a single character' }];
  const lower = password.toLowerCase();
  if (username !== null && lower === username.toLowerCase()) return [{ field, message: 'must not be the username' }];
  if (COMMON_PASSWORDS.has(lower)) return [{ field, message: 'is too common; choose another' }];
  return [];
}
