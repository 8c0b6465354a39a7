import { Type } from 'typebox';

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  database: Type.Object({
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')]),
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    latencyMs: Type.Integer(),
  }),
});

const Check = Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('pending')]);

export const ReadinessResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({ database: Check, migrations: Check, jobs: Check }),
});
