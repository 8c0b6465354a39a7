/** Request schemas of the alert board routes (distribution status, dead letters, retry). */
import { Type } from 'typebox';
import { closed, enumOf } from '../../schema-kit.ts';
import { CHANNELS } from '../../../domain/distribution/channels.ts';

export const AlertIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);
export const DeadLettersQuery = Type.Object({ channel: Type.Optional(enumOf(CHANNELS)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, closed);
export const RetryBody = Type.Object({ channel: Type.Optional(enumOf(CHANNELS)) }, closed);
