/**
 * Who is acting. Every use case receives an Actor; policies decide from its role, jurisdiction and
 * scopes. Pure data: no framework, no I/O.
 */
export const ROLES = [
  'officer',
  'supervisor',
  'central_command',
  'prosecutor_liaison',
  'communications',
  'auditor',
  'dpo',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** Roles that can see restricted data, and so must sign in with a second factor. */
export const ROLES_WITH_RESTRICTED_ACCESS: readonly Role[] = ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'auditor', 'dpo', 'administrator'];

export interface UserActor {
  readonly kind: 'user';
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  /** Jurisdiction code, e.g. "MA", "MA-06", "MA-CAS", "MA-CAS-U01". */
  readonly jurisdiction: string;
  /** From the national root down to the actor's own jurisdiction, e.g. ["MA", "MA-06", "MA-CAS"]. */
  readonly jurisdictionPath: readonly string[];
  readonly ip: string | null;
}

export interface TokenActor {
  readonly kind: 'api_token';
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly jurisdiction: string;
  readonly jurisdictionPath: readonly string[];
  readonly ip: string | null;
}

export interface PublicActor {
  readonly kind: 'public';
  readonly ip: string | null;
}

export interface SystemActor {
  readonly kind: 'system';
  /** What the system is doing, e.g. "retention", "cli:users". */
  readonly process: string;
}

export type Actor = UserActor | TokenActor | PublicActor | SystemActor;
