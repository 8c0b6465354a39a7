/**
 * Who may do what: one declarative rule per action. `roles` lists the user roles allowed;
 * `scope: 'jurisdiction'` further requires the target to lie inside the actor's jurisdiction
 * (national-level actors sit at the root "MA" and so reach everything); `tokenScope` lets API tokens
 * carrying that scope perform the action within their own jurisdiction.
 */
import type { Role } from '../actor.ts';

export interface PolicyRule {
  readonly roles: readonly Role[];
  readonly scope: 'global' | 'jurisdiction';
  readonly tokenScope?: string;
  /** Also open to unauthenticated visitors (public site, tips). */
  readonly public?: true;
  /** Case work: a police unit acts for its whole prefecture/province (see accessScope in policy.ts). */
  readonly unitActsForProvince?: true;
}

const ALL_STAFF: readonly Role[] = ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'communications', 'auditor', 'dpo', 'administrator'];

export const POLICY_RULES = {
  // Accounts and access
  'user.create': { roles: ['administrator'], scope: 'jurisdiction' },
  'user.list': { roles: ['administrator', 'auditor', 'dpo'], scope: 'jurisdiction' },
  'user.update': { roles: ['administrator'], scope: 'jurisdiction' },
  'user.disable': { roles: ['administrator'], scope: 'jurisdiction' },
  'user.reset_second_factor': { roles: ['administrator'], scope: 'jurisdiction' },
  'api_token.create': { roles: ['administrator'], scope: 'jurisdiction' },
  'api_token.list': { roles: ['administrator', 'auditor'], scope: 'jurisdiction' },
  'api_token.revoke': { roles: ['administrator'], scope: 'jurisdiction' },
  'session.self': { roles: ALL_STAFF, scope: 'global' },
  'jurisdiction.list': { roles: ALL_STAFF, scope: 'global' },
  'jurisdiction.create_unit': { roles: ['administrator'], scope: 'jurisdiction' },
  'geo.locate': { roles: ALL_STAFF, scope: 'global' },
  // Cases (the case officer's own cases are also readable in full: see app/cases/case-access.ts)
  'case.create': { roles: ['officer', 'supervisor', 'central_command'], scope: 'global', tokenScope: 'cases:write' },
  'case.read_summary': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'communications'], scope: 'global', tokenScope: 'cases:read' },
  'case.read_full': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.update': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.assess': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.override_assessment': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.close': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.reopen': { roles: ['supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.export_public': { roles: ['officer', 'supervisor', 'central_command', 'communications'], scope: 'global', tokenScope: 'cases:read' },
  'case.photo_add': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'case.photo_read': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison'], scope: 'jurisdiction', unitActsForProvince: true },
  // Alerts (the decision chain itself checks each step's role and jurisdiction: domain/alert)
  'alert.create': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.read': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'communications'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.list': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison', 'communications'], scope: 'global' },
  'alert.edit': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.request': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.decide': { roles: ['supervisor', 'central_command', 'prosecutor_liaison'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.urgent_publish': { roles: ['central_command'], scope: 'global' },
  'alert.renew': { roles: ['central_command'], scope: 'global' },
  'alert.update': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.end': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'alert.retry_delivery': { roles: ['officer', 'supervisor', 'central_command', 'communications'], scope: 'jurisdiction', unitActsForProvince: true },
  // Audit
  'audit.read': { roles: ['auditor', 'dpo'], scope: 'jurisdiction' },
  'audit.verify': { roles: ['auditor', 'dpo', 'administrator'], scope: 'global' },
  // Police notices (the internal disappearance notice), open to every staff member, for the notices of their own subtree
  'police_notice.list': { roles: ALL_STAFF, scope: 'jurisdiction' },
  'police_notice.mark_read': { roles: ALL_STAFF, scope: 'jurisdiction' },
  // Tips (intake): anyone through the public form; media partners and police units through the API with
  // a `tips:write` token (any active alert: alerts are public), staff with a session too.
  'tip.submit_public': { roles: [], scope: 'global', public: true },
  'tip.submit': { roles: ['officer', 'supervisor', 'central_command'], scope: 'global', tokenScope: 'tips:write' },
  // Officers' console: the dashboard and its live feed (each section follows the reader's own permissions)
  'live.read': { roles: ALL_STAFF, scope: 'global' },
  // Privacy (Law 09-08): legal holds against the retention purge, guardians' access and rectification requests, anonymous statistics
  'privacy.legal_hold': { roles: ['dpo', 'supervisor', 'central_command', 'prosecutor_liaison'], scope: 'jurisdiction', unitActsForProvince: true },
  'privacy.access_export': { roles: ['dpo', 'officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'privacy.rectify': { roles: ['dpo', 'officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'privacy.statistics': { roles: ['dpo', 'central_command', 'auditor'], scope: 'global' },
  // Tip triage: officers of the case's jurisdiction (a unit acts for its province); the prosecutor's
  // liaison reads. Notifications are the reader's own (and, for cases without a case officer, those of
  // their jurisdiction): see app/tips/triage-notifications.ts.
  'tip.read': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison'], scope: 'jurisdiction', unitActsForProvince: true },
  'tip.triage': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'tip.assign': { roles: ['officer', 'supervisor', 'central_command'], scope: 'jurisdiction', unitActsForProvince: true },
  'officer_notification.list': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison'], scope: 'global' },
  'officer_notification.mark_read': { roles: ['officer', 'supervisor', 'central_command', 'prosecutor_liaison'], scope: 'global' },
} as const satisfies Record<string, PolicyRule>;

export type Action = keyof typeof POLICY_RULES;
