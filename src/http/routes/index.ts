/**
 * Every route module, registered in this order. One line per resource; each module's folder holds
 * its routes (index.ts) and their schemas (schema.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { healthRoutes } from './health/index.ts';

export const ROUTE_MODULES: readonly { readonly name: string; readonly plugin: FastifyPluginAsyncTypebox<{ ctx: AppContext }>; readonly prefix?: string }[] = [
  { name: 'health', plugin: healthRoutes },
];
