/**
 * Identifier checks shared by the photo use cases: an id that is not a UUID can name no photo or
 * case, and must not reach SQL (PostgreSQL would reject it with a 500-worthy error).
 */
import { AppError } from '../../domain/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** The catalogue's not_found for a photo, whether the id is malformed, unknown, deleted or of another case. */
export const photoNotFound = (): AppError => new AppError('not_found', 'No such photo in this case.');

/** Throws validation_failed naming `field` when `value` is not a UUID. */
export function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new AppError('validation_failed', `The ${field} is not a valid identifier.`, { errors: [{ field, message: 'must be a UUID' }] });
}
