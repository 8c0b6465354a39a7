import { Type } from 'typebox';
import { CONSOLE_LANGUAGES } from '../../../app/accounts/own-language.ts';
import { closed, enumOf } from '../../schema-kit.ts';

export { SessionView } from '../../presenters/session.presenter.ts';

/** No query parameters: unknown ones are refused, not ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const SESSION_BODY_LIMIT = 256;
export const LanguageBody = Type.Object({ language: enumOf(CONSOLE_LANGUAGES) }, closed);
