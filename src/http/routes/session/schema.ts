import { Type } from 'typebox';

export { SessionView } from '../../presenters/session.presenter.ts';

/** No query parameters: unknown ones are refused, not ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
