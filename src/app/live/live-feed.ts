/**
 * The dashboard's live feed: one poll per process (only while someone listens) compares change
 * fingerprints per place; every subscriber whose jurisdiction scope saw a change of a topic its role
 * may read gets a fresh dashboard, computed with its own permissions and sent only when it differs
 * from the last one. The same loop checks, without touching them, that the subscribers' sessions are
 * still alive, and ends a stream whose session expired (the console then asks to sign in again).
 *
 * Nothing of the poll reaches a subscriber but its own dashboard: the fingerprints never leave.
 *
 * @example
 *   const feed = new LiveFeed(ctx);
 *   const stop = feed.subscribe({ actor, sessionIdHash, send: (event, data) => write(event, data), end: () => raw.end() });
 *   await feed.close();
 */
import type { UserActor } from '../../domain/actor.ts';
import { isSessionExpired } from '../../domain/accounts/session-rules.ts';
import { AppError } from '../../domain/errors.ts';
import { accessScope, decide } from '../../domain/policy/policy.ts';
import { changeFingerprints, NATIONAL_SCOPE, streamSessions, type ChangeFingerprint, type LiveTopic } from '../../store/repositories/live.repository.ts';
import type { AppContext } from '../context.ts';
import { dashboardFor, type Dashboard } from './dashboard.ts';

export interface LiveSubscriber {
  readonly actor: UserActor;
  /** The session behind the stream, checked on every session round. */
  readonly sessionIdHash: string;
  /** Follow one alert's board (distribution, dead letters) instead of the dashboard. */
  readonly alertId?: string | null;
  /** `data` is the event's JSON text. */
  send(event: 'dashboard' | 'board' | 'problem' | 'session_expired', data: string): void;
  /** Ends the stream (the subscriber is already removed when this is called). */
  end(): void;
}

export interface LiveFeedOptions {
  /** How often the fingerprints are compared. */
  readonly pollMs?: number;
  /** How often the subscribers' sessions are checked. */
  readonly sessionCheckMs?: number;
  /** Turns a dashboard into what is sent (the HTTP presenter). */
  readonly present?: (d: Dashboard) => unknown;
  /** One alert's board as its reader may see it (use cases and presenters of the HTTP layer). */
  readonly board?: (actor: UserActor, alertId: string) => Promise<unknown>;
}

interface Entry {
  readonly sub: LiveSubscriber;
  readonly alertId: string | null;
  readonly scope: string;
  readonly topics: ReadonlySet<LiveTopic>;
  dirty: boolean;
  lastJson: string | null;
}

/** Topics a role may read, so a change it cannot see never triggers work for it. */
function topicsOf(actor: UserActor): Set<LiveTopic> {
  const topics = new Set<LiveTopic>();
  if (decide(actor, 'case.read_summary').allowed) topics.add('cases');
  if (decide(actor, 'alert.read').allowed) {
    topics.add('alerts');
    topics.add('distribution');
  }
  if (decide(actor, 'tip.read').allowed) topics.add('tips');
  return topics;
}

const keyOf = (f: ChangeFingerprint) => `${f.topic}|${f.regionCode ?? ''}|${f.place}`;

export class LiveFeed {
  readonly #ctx: AppContext;
  readonly #pollMs: number;
  readonly #sessionCheckMs: number;
  readonly #present: (d: Dashboard) => unknown;
  readonly #board: ((actor: UserActor, alertId: string) => Promise<unknown>) | undefined;
  readonly #entries = new Set<Entry>();
  #prints = new Map<string, ChangeFingerprint>();
  /** Whether #prints holds a poll to compare with (an empty map is a valid poll: no rows anywhere). */
  #baselined = false;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #lastSessionCheck = 0;
  #closed = false;

  constructor(ctx: AppContext, options: LiveFeedOptions = {}) {
    this.#ctx = ctx;
    this.#pollMs = options.pollMs ?? 1500;
    this.#sessionCheckMs = options.sessionCheckMs ?? 5000;
    this.#present = options.present ?? ((d) => d);
    this.#board = options.board;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Adds a subscriber and sends its first dashboard at once; returns the function that removes it. */
  subscribe(sub: LiveSubscriber): () => void {
    if (this.#closed) {
      sub.end();
      return () => undefined;
    }
    const entry: Entry = { sub, alertId: sub.alertId ?? null, scope: accessScope(sub.actor), topics: topicsOf(sub.actor), dirty: true, lastJson: null };
    this.#entries.add(entry);
    this.#schedule(0);
    return () => {
      this.#entries.delete(entry);
    };
  }

  /** Ends every stream and stops polling (server shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const e of [...this.#entries]) this.#drop(e);
  }

  #drop(entry: Entry): void {
    this.#entries.delete(entry);
    entry.sub.end();
  }

  #schedule(delay: number): void {
    if (this.#closed || this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#round(), delay);
    this.#timer.unref();
  }

  async #round(): Promise<void> {
    this.#timer = undefined;
    if (this.#entries.size === 0) {
      // Nobody listens: forget the fingerprints, so the next subscriber starts from a fresh poll.
      this.#prints = new Map();
      this.#baselined = false;
      return;
    }
    this.#running = true;
    try {
      await this.#checkSessions();
      await this.#markChanges();
      for (const entry of [...this.#entries]) if (entry.dirty) await this.#push(entry);
    } catch (err) {
      this.#ctx.log.warn({ err: { type: (err as { name?: unknown }).name, code: (err as { code?: unknown }).code } }, 'live feed round failed');
    } finally {
      this.#running = false;
    }
    this.#schedule(this.#pollMs);
  }

  async #checkSessions(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastSessionCheck < this.#sessionCheckMs) return;
    this.#lastSessionCheck = now;
    const entries = [...this.#entries];
    const rows = new Map((await streamSessions(this.#ctx.store.db, entries.map((e) => e.sub.sessionIdHash))).map((r) => [r.id_hash, r]));
    const at = this.#ctx.clock.now();
    for (const entry of entries) {
      const row = rows.get(entry.sub.sessionIdHash);
      const expired =
        !row ||
        row.user_disabled_at !== null ||
        isSessionExpired({ expiresAt: row.expires_at, lastSeenAt: row.last_seen_at, revokedAt: row.revoked_at }, at, this.#ctx.config.session.idleMinutes);
      if (!expired) continue;
      entry.sub.send('session_expired', '{}');
      this.#drop(entry);
    }
  }

  async #markChanges(): Promise<void> {
    const fresh = new Map((await changeFingerprints(this.#ctx.store.db)).map((f) => [keyOf(f), f]));
    const changed: ChangeFingerprint[] = [];
    for (const [key, f] of fresh) if (this.#prints.get(key)?.fingerprint !== f.fingerprint) changed.push(f);
    for (const [key, f] of this.#prints) if (!fresh.has(key)) changed.push(f);
    const first = !this.#baselined;
    this.#prints = fresh;
    this.#baselined = true;
    if (first) return; // new subscribers are dirty already; a first poll is a baseline, not a change
    for (const entry of this.#entries) {
      if (entry.dirty) continue;
      entry.dirty = changed.some((c) => entry.topics.has(c.topic) && (entry.scope === NATIONAL_SCOPE || c.place === entry.scope || c.regionCode === entry.scope));
    }
  }

  async #push(entry: Entry): Promise<void> {
    entry.dirty = false;
    if (!this.#entries.has(entry)) return;
    if (entry.alertId !== null) return this.#pushBoard(entry, entry.alertId);
    const dashboard = await dashboardFor(this.#ctx, entry.sub.actor);
    // Compared without its generation time: a change elsewhere in the scope may leave this view as it was.
    const content = JSON.stringify(this.#present({ ...dashboard, generatedAt: new Date(0) }));
    if (content === entry.lastJson || !this.#entries.has(entry)) return;
    entry.lastJson = content;
    entry.sub.send('dashboard', JSON.stringify(this.#present(dashboard)));
  }

  async #pushBoard(entry: Entry, alertId: string): Promise<void> {
    if (!this.#board) return;
    let json: string;
    try {
      json = JSON.stringify(await this.#board(entry.sub.actor, alertId));
    } catch (err) {
      // Not found, or not theirs to read: say which (a catalogue code) and stop following.
      if (!(err instanceof AppError)) throw err;
      entry.sub.send('problem', JSON.stringify({ code: err.code, status: err.status }));
      this.#drop(entry);
      return;
    }
    if (json === entry.lastJson || !this.#entries.has(entry)) return;
    entry.lastJson = json;
    entry.sub.send('board', json);
  }
}
