/**
 * Usernames: 3 to 64 characters of letters, digits, dot, dash and underscore, starting with a
 * letter or digit. They are compared without regard to case and stored lower-cased, so
 * "A.Tazi" and "a.tazi" are one account.
 *
 * @example
 *   normalizeUsername(' A.Tazi ') // 'a.tazi'
 */
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$';
const USERNAME_RE = new RegExp(USERNAME_PATTERN);

export const isValidUsername = (v: string): boolean => USERNAME_RE.test(v);

export const normalizeUsername = (v: string): string => v.trim().toLowerCase();
