/**
 * Abuse resistance and load shedding for tip intake, in this process's memory (nothing about a client
 * is stored in the database: no address, no network):
 *
 * - Free quota: each client address may send `freePerAddress` tips per window and each network (IPv4
 *   /24, IPv6 /48) `freePerNetwork`; every attempt counts, refused or not. Beyond either quota a tip
 *   needs a proof of work (domain/tips/intake-proof-of-work.ts) whose difficulty grows with how far the
 *   source is over (one more bit, twice the work, each time the excess doubles). A browser with
 *   JavaScript solves it on its own (the tip form's script); without JavaScript the answer is 429 with
 *   Retry-After (when the window frees up). Abusive sources are slowed, never allowed to hold a slot
 *   others need: they pay in their own CPU time before they reach ours.
 * - One solution buys one tip: solved challenges are remembered until they expire.
 * - API tokens and signed-in staff: `apiPerMinute` per token or user, 429 beyond.
 * - Load shedding: at most `maxInFlight` tip submissions in this process at once and `photoMaxInFlight`
 *   of them with a photo being re-encoded; beyond, 503 with Retry-After, before the body is read, so an
 *   overload never turns accepted tips into failures or timeouts. The 503 is held `shedHoldMs` first
 *   (up to `MAX_HELD` at once, beyond which it goes at once): a script that re-sends the moment it is
 *   refused would otherwise keep the event loop busy refusing it, and libuv accepts one new
 *   connection per loop turn, so people connecting for the first time would wait seconds to be
 *   accepted at all. Held, each such connection costs a timer, and the loop stays free for the
 *   accepted tips and for newcomers.
 *
 * Counters are per process (like the sign-in limit): with N server processes a source gets up to N
 * times the quota. Memory is bounded: windows roll, and past `maxKeys` the oldest counters are dropped.
 *
 * @example
 *   const limits = new TipIntakeLimits(ctx.config.tips, proofKey);
 *   const d = limits.admitSource(request.ip, publicId, proofFromRequest, nowMs); // { kind: 'free' | 'proved' | 'proof_required' }
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../config/config.ts';
import { intakeSourceKeys } from '../../../domain/tips/intake-network.ts';
import { checkProof, issueChallenge, proofBits, proofScope } from '../../../domain/tips/intake-proof-of-work.ts';

/** How long an issued challenge stays valid. */
export const CHALLENGE_TTL_SECONDS = 300;
const MAX_KEYS = 200_000;
const MAX_SPENT = 200_000;
/** Refusals held at once; beyond, a refusal is sent at once (a hold must not itself exhaust memory). */
export const MAX_HELD = 10_000;

interface Window {
  start: number;
  count: number;
}

/** Fixed-window counters with a bounded number of keys (oldest first out). */
export class WindowCounters {
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #entries = new Map<string, Window>();

  constructor(windowMs: number, maxKeys = MAX_KEYS) {
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
  }

  /** Counts one more hit; returns the count in the current window and when that window ends. */
  hit(key: string, now: number): { count: number; resetAt: number } {
    const w = this.#current(key, now);
    w.count += 1;
    return { count: w.count, resetAt: w.start + this.#windowMs };
  }

  /** The count so far, without counting. */
  peek(key: string, now: number): { count: number; resetAt: number } {
    const w = this.#entries.get(key);
    if (!w || now - w.start >= this.#windowMs) return { count: 0, resetAt: now + this.#windowMs };
    return { count: w.count, resetAt: w.start + this.#windowMs };
  }

  get size(): number {
    return this.#entries.size;
  }

  #current(key: string, now: number): Window {
    let w = this.#entries.get(key);
    if (w && now - w.start < this.#windowMs) return w;
    // A fresh window goes to the end of the map, so expired and oldest entries sit at the front.
    this.#entries.delete(key);
    w = { start: now, count: 0 };
    this.#entries.set(key, w);
    this.#prune(now);
    return w;
  }

  #prune(now: number): void {
    for (const [k, w] of this.#entries) {
      if (this.#entries.size <= this.#maxKeys && now - w.start < this.#windowMs) break;
      this.#entries.delete(k);
    }
  }
}

export type SourceDecision =
  | { readonly kind: 'free' }
  | { readonly kind: 'proved' }
  /** Over the free quota without a valid proof: a fresh challenge, and when the quota frees up. */
  | { readonly kind: 'proof_required'; readonly challenge: string; readonly bits: number; readonly retryAfterSeconds: number };

export type ChallengeOffer = { readonly required: false } | { readonly required: true; readonly challenge: string; readonly bits: number; readonly expiresAt: number };

export class TipIntakeLimits {
  readonly #config: Config['tips'];
  readonly #proofKey: Buffer;
  readonly #addresses: WindowCounters;
  readonly #networks: WindowCounters;
  readonly #api: WindowCounters;
  readonly #challenges: WindowCounters;
  /** Solved challenges → their expiry (ms), until then. */
  readonly #spent = new Map<string, number>();
  #inFlight = 0;
  #photosInFlight = 0;
  #held = 0;

  constructor(config: Config['tips'], proofKey: Buffer) {
    this.#config = config;
    this.#proofKey = proofKey;
    const windowMs = config.quotaWindowSeconds * 1000;
    this.#addresses = new WindowCounters(windowMs);
    this.#networks = new WindowCounters(windowMs);
    this.#api = new WindowCounters(60_000);
    this.#challenges = new WindowCounters(60_000);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get photosInFlight(): number {
    return this.#photosInFlight;
  }

  /** Takes a submission slot; false when the process is at its limit (answer 503). Release it exactly once. */
  enter(): boolean {
    if (this.#inFlight >= this.#config.maxInFlight) return false;
    this.#inFlight += 1;
    return true;
  }

  leave(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
  }

  /** Takes a photo-processing slot; false when all are busy (answer 503). */
  enterPhoto(): boolean {
    if (this.#photosInFlight >= this.#config.photoMaxInFlight) return false;
    this.#photosInFlight += 1;
    return true;
  }

  leavePhoto(): void {
    this.#photosInFlight = Math.max(0, this.#photosInFlight - 1);
  }

  /**
   * How long to hold a refusal before sending it (0: send it at once), counting it as held; call
   * `releaseHold` once it is sent whenever this returned more than 0.
   */
  holdRefusal(): number {
    if (this.#config.shedHoldMs === 0 || this.#held >= MAX_HELD) return 0;
    this.#held += 1;
    return this.#config.shedHoldMs;
  }

  releaseHold(): void {
    this.#held = Math.max(0, this.#held - 1);
  }

  get held(): number {
    return this.#held;
  }

  #excess(address: number, network: number): number {
    const a = address - this.#config.freePerAddress;
    const n = network - this.#config.freePerNetwork;
    // Scaled to the address quota so both excesses weigh alike.
    return Math.max(a, Math.ceil((n * this.#config.freePerAddress) / this.#config.freePerNetwork));
  }

  #challenge(network: string, alert: string, excess: number, nowMs: number): { challenge: string; bits: number; expiresAt: number } {
    const bits = proofBits(this.#config.proofBits, excess, this.#config.freePerAddress);
    const expiresAt = Math.floor(nowMs / 1000) + CHALLENGE_TTL_SECONDS;
    const challenge = issueChallenge(this.#proofKey, { scope: proofScope(this.#proofKey, network, alert), bits, expiresAt, nonce: randomBytes(12).toString('base64url') });
    return { challenge, bits, expiresAt };
  }

  /**
   * Counts one tip attempt from `ip` on `alert` (a public id) and decides: within the free quota, with a
   * valid unspent proof, or refused with a fresh challenge.
   */
  admitSource(ip: string, alert: string, proof: string | undefined, nowMs: number): SourceDecision {
    const keys = intakeSourceKeys(ip);
    const a = this.#addresses.hit(keys.address, nowMs);
    const n = this.#networks.hit(keys.network, nowMs);
    const excess = this.#excess(a.count, n.count);
    if (excess <= 0) return { kind: 'free' };
    if (proof !== undefined && this.#spend(proof, keys.network, alert, nowMs)) return { kind: 'proved' };
    const fresh = this.#challenge(keys.network, alert, excess, nowMs);
    const resetAt = a.count > this.#config.freePerAddress ? Math.max(a.resetAt, n.count > this.#config.freePerNetwork ? n.resetAt : 0) : n.resetAt;
    return { kind: 'proof_required', challenge: fresh.challenge, bits: fresh.bits, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - nowMs) / 1000)) };
  }

  /** What the form's script asks before it sends: whether the next tip needs a proof, and the challenge. */
  offerChallenge(ip: string, alert: string, nowMs: number): ChallengeOffer | 'too_many' {
    const keys = intakeSourceKeys(ip);
    // Challenges are cheap to make but not free: a source may ask for a few per second at most.
    if (this.#challenges.hit(keys.address, nowMs).count > 120) return 'too_many';
    const excess = this.#excess(this.#addresses.peek(keys.address, nowMs).count + 1, this.#networks.peek(keys.network, nowMs).count + 1);
    if (excess <= 0) return { required: false };
    return { required: true, ...this.#challenge(keys.network, alert, excess, nowMs) };
  }

  /** Counts one API submission by a token or user; the seconds to wait when over the limit. */
  admitApi(actorId: string, nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const r = this.#api.hit(actorId, nowMs);
    if (r.count <= this.#config.apiPerMinute) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((r.resetAt - nowMs) / 1000)) };
  }

  #spend(proof: string, network: string, alert: string, nowMs: number): boolean {
    const nowSeconds = Math.floor(nowMs / 1000);
    const r = checkProof(this.#proofKey, proof, { scope: proofScope(this.#proofKey, network, alert), nowSeconds });
    if (!r.ok || this.#spent.has(r.challenge)) return false;
    this.#spent.set(r.challenge, r.expiresAt * 1000);
    for (const [c, expiry] of this.#spent) {
      if (this.#spent.size <= MAX_SPENT && expiry > nowMs) break;
      this.#spent.delete(c);
    }
    return true;
  }
}
