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
