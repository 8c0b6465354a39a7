/**
 * Work in progress kept in this browser, per user: a form saves itself here as it changes, so a lost
 * connection, a reload or an expired session never loses it. Keys carry the user id, so another
 * officer signing in on the same workstation never sees someone else's draft. Drafts older than
 * DRAFT_TTL_MS are dropped when read (they hold case data: they must not linger).
 *
 * @example
 *   saveDraft(userId, 'intake', form);
 *   const kept = loadDraft<IntakeForm>(userId, 'intake'); // { value, savedAt } | null
 */

const PREFIX = 'tifli.draft.';
export const DRAFT_TTL_MS = 72 * 3_600_000;

interface Stored<T> {
  readonly savedAt: number;
  readonly value: T;
}

const keyOf = (userId: string, name: string) => `${PREFIX}${userId}.${name}`;

export function loadDraft<T>(userId: string, name: string): { value: T; savedAt: Date } | null {
  try {
    const raw = window.localStorage.getItem(keyOf(userId, name));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Stored<T>;
    if (typeof stored.savedAt !== 'number' || Date.now() - stored.savedAt > DRAFT_TTL_MS) {
      window.localStorage.removeItem(keyOf(userId, name));
      return null;
    }
    return { value: stored.value, savedAt: new Date(stored.savedAt) };
  } catch {
    return null;
  }
}

/** Returns false when the browser refused to store it (private mode, quota). */
export function saveDraft<T>(userId: string, name: string, value: T): boolean {
  try {
    window.localStorage.setItem(keyOf(userId, name), JSON.stringify({ savedAt: Date.now(), value } satisfies Stored<T>));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(userId: string, name: string): void {
  try {
    window.localStorage.removeItem(keyOf(userId, name));
  } catch {
    // nothing stored, nothing to clear
  }
}

/** Drops every expired draft of every user (called once at start). */
export function sweepDrafts(): void {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i -= 1) {
      const key = window.localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const raw = window.localStorage.getItem(key);
      const savedAt = raw ? (JSON.parse(raw) as Partial<Stored<unknown>>).savedAt : undefined;
      if (typeof savedAt !== 'number' || Date.now() - savedAt > DRAFT_TTL_MS) window.localStorage.removeItem(key);
    }
  } catch {
    // storage unavailable: nothing to sweep
  }
}
