/**
 * The signed-in user, for every screen: who they are (role, jurisdiction) and what the console may
 * offer them. The server decides every access; these checks only keep the console from offering
 * what would be refused.
 *
 * @example
 *   const { user, can } = useSession();
 *   if (can('alert.end')) showFoundButton();
 */
import { createContext, useContext } from 'react';
import type { Role, SessionView } from '../api/types.ts';

/** Mirrors src/domain/policy/rules.ts for the actions the console offers. */
const ROLES_FOR = {
  'case.create': ['officer', 'supervisor', 'central_command'],
  'case.read_summary': ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'communications'],
  'case.update': ['officer', 'supervisor', 'central_command'],
  'case.close': ['officer', 'supervisor', 'central_command'],
  'alert.create': ['officer', 'supervisor', 'central_command'],
  'alert.edit': ['officer', 'supervisor', 'central_command'],
  'alert.request': ['officer', 'supervisor', 'central_command'],
  'alert.read': ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'communications'],
  'alert.decide': ['supervisor', 'central_command', 'prosecutor_liaison'],
  'alert.urgent_publish': ['central_command'],
  'alert.update': ['officer', 'supervisor', 'central_command'],
  'alert.renew': ['central_command'],
  'alert.end': ['officer', 'supervisor', 'central_command'],
  'alert.retry_delivery': ['officer', 'supervisor', 'central_command', 'communications'],
  'tip.read': ['officer', 'supervisor', 'central_command', 'prosecutor_liaison'],
  'tip.triage': ['officer', 'supervisor', 'central_command'],
  'tip.assign': ['officer', 'supervisor', 'central_command'],
  'audit.read': ['auditor', 'dpo'],
  'audit.verify': ['auditor', 'dpo', 'administrator'],
} as const satisfies Record<string, readonly Role[]>;

export type ConsoleAction = keyof typeof ROLES_FOR;

export interface SessionContextValue {
  readonly user: SessionView;
  can: (action: ConsoleAction) => boolean;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function canRole(role: Role, action: ConsoleAction): boolean {
  return (ROLES_FOR[action] as readonly Role[]).includes(role);
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside a signed-in console');
  return v;
}
