/**
 * The policy check every route runs before its use case. Pure: decides from the actor, the action
 * and the target's jurisdiction path, nothing else.
 *
 * @example
 *   assertAllowed(actor, 'user.create', { jurisdictionPath: ['MA', 'MA-06', 'MA-CAS'] });
 */
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { type Action, POLICY_RULES, type PolicyRule } from './rules.ts';

export interface PolicyTarget {
  /** From the national root down to the target's jurisdiction; omitted for actions without a target. */
  readonly jurisdictionPath?: readonly string[];
}

export type PolicyDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: 'unauthenticated' | 'role' | 'jurisdiction' | 'scope' };

/**
 * Case work is decided down to the prefecture/province: a police unit (the fourth level, under its
 * province) works on its whole province's cases and alerts (rules marked unitActsForProvince), so for
 * those a unit-level actor is scoped to its province. Administration stays at the unit's own level.
 */
export function accessScope(actor: { readonly jurisdiction: string; readonly jurisdictionPath: readonly string[] }): string {
  return actor.jurisdictionPath.length > 3 ? (actor.jurisdictionPath[2] ?? actor.jurisdiction) : actor.jurisdiction;
}

function withinJurisdiction(actor: { readonly jurisdiction: string; readonly jurisdictionPath: readonly string[] }, target: PolicyTarget | undefined, rule: PolicyRule): boolean {
  if (!target?.jurisdictionPath) return true;
  return target.jurisdictionPath.includes(actor.jurisdiction) || (rule.unitActsForProvince === true && target.jurisdictionPath.includes(accessScope(actor)));
}

export function decide(actor: Actor, action: Action, target?: PolicyTarget): PolicyDecision {
  const rule: PolicyRule = POLICY_RULES[action];
  switch (actor.kind) {
    case 'system':
      return { allowed: true };
    case 'public':
      return rule.public ? { allowed: true } : { allowed: false, reason: 'unauthenticated' };
    case 'api_token':
      if (rule.public) return { allowed: true };
      if (!rule.tokenScope || !actor.scopes.includes(rule.tokenScope)) return { allowed: false, reason: 'scope' };
      return withinJurisdiction(actor, target, rule) ? { allowed: true } : { allowed: false, reason: 'jurisdiction' };
    case 'user':
      if (!rule.roles.includes(actor.role)) return rule.public ? { allowed: true } : { allowed: false, reason: 'role' };
      if (rule.scope === 'jurisdiction' && !withinJurisdiction(actor, target, rule)) return { allowed: false, reason: 'jurisdiction' };
      return { allowed: true };
  }
}

/** Throws the catalogue's 401/403 when the actor may not act. */
export function assertAllowed(actor: Actor, action: Action, target?: PolicyTarget): void {
  const d = decide(actor, action, target);
  if (d.allowed) return;
  if (d.reason === 'unauthenticated') throw new AppError('authentication_required');
  throw new AppError('forbidden', d.reason === 'jurisdiction' ? 'This is outside your jurisdiction.' : 'Your role does not allow this action.');
}
