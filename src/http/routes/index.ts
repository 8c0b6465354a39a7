/**
 * Every route module, registered in this order. One line per resource; each module's folder holds
 * its routes (index.ts) and their schemas (schema.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { healthRoutes } from './health/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { sessionRoutes } from './session/index.ts';
import { enrolmentRoutes } from './enrolments/index.ts';
import { userRoutes } from './users/index.ts';
import { apiTokenRoutes } from './api-tokens/index.ts';
import { jurisdictionRoutes } from './jurisdictions/index.ts';
import { geoRoutes } from './geo/index.ts';
import { caseRoutes } from './cases/index.ts';
import { alertRoutes } from './alerts/index.ts';
import { capRoutes } from './cap/index.ts';
import { publicSiteRoutes } from './public-site/index.ts';
import { distributionRoutes } from './distribution/index.ts';
import { posterRoutes } from './posters/index.ts';
import { whatsappWebhookRoutes } from './webhooks/whatsapp/index.ts';
import { policeNoticeRoutes } from './police-notices/index.ts';
import { subscriptionRoutes } from './subscriptions/index.ts';
import { tipRoutes } from './tips/index.ts';
import { consoleRoutes } from './console/index.ts';
import { liveRoutes } from './live/index.ts';
import { tipTriageRoutes } from './tip-triage/index.ts';
import { privacyRoutes } from './privacy/index.ts';
import { metricsRoutes } from './metrics/index.ts';

export const ROUTE_MODULES: readonly { readonly name: string; readonly plugin: FastifyPluginAsyncTypebox<{ ctx: AppContext }>; readonly prefix?: string }[] = [
  { name: 'health', plugin: healthRoutes },
  { name: 'metrics', plugin: metricsRoutes },
  { name: 'audit', plugin: auditRoutes },
  { name: 'auth', plugin: authRoutes },
  { name: 'session', plugin: sessionRoutes },
  { name: 'enrolments', plugin: enrolmentRoutes },
  { name: 'users', plugin: userRoutes },
  { name: 'api-tokens', plugin: apiTokenRoutes },
  { name: 'jurisdictions', plugin: jurisdictionRoutes },
  { name: 'geo', plugin: geoRoutes },
  { name: 'cases', plugin: caseRoutes },
  { name: 'alerts', plugin: alertRoutes },
  { name: 'cap', plugin: capRoutes },
  { name: 'public-site', plugin: publicSiteRoutes },
  { name: 'distribution', plugin: distributionRoutes },
  { name: 'posters', plugin: posterRoutes },
  { name: 'webhooks-whatsapp', plugin: whatsappWebhookRoutes },
  { name: 'police-notices', plugin: policeNoticeRoutes },
  { name: 'subscriptions', plugin: subscriptionRoutes },
  { name: 'console', plugin: consoleRoutes },
  { name: 'live', plugin: liveRoutes },
  { name: 'tips', plugin: tipRoutes },
  { name: 'tip-triage', plugin: tipTriageRoutes },
  { name: 'privacy', plugin: privacyRoutes },
];
