/**
 * Shows an API failure the way an officer can act on it: a sentence in their language for the
 * problem's code, the server's detail, and each field's message. Unknown failures show the request
 * id to quote to support.
 *
 * @example
 *   {error ? <Problem error={error} /> : null}
 */
import { ApiError } from '../api/client.ts';
import { useI18n, type TextKey } from '../i18n/i18n.tsx';

const KNOWN: Readonly<Record<string, TextKey>> = {
  network: 'problem.network',
  validation_failed: 'problem.validation',
  invalid_credentials: 'problem.credentials',
  second_factor_invalid: 'problem.code',
  account_locked: 'problem.locked',
  rate_limited: 'problem.rateLimited',
  forbidden: 'problem.forbidden',
  csrf_failed: 'problem.forbidden',
  not_found: 'problem.notFound',
  conflict: 'problem.conflict',
  enrolment_invalid: 'problem.enrolment',
  unprocessable: 'problem.unprocessable',
  session_expired: 'problem.sessionExpired',
  authentication_required: 'problem.sessionExpired',
  payload_too_large: 'problem.tooLarge',
  unsupported_media_type: 'problem.mediaType',
  data_erased: 'problem.erased',
};

export function problemText(error: unknown, t: (k: TextKey) => string): string {
  if (error instanceof ApiError) return t(KNOWN[error.code] ?? 'problem.unknown');
  return t('problem.unknown');
}

export function Problem({ error }: { readonly error: unknown }) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : null;
  return (
    <div className="problem" role="alert" data-code={api?.code ?? 'unknown'}>
      <p className="problem__title">{problemText(error, t)}</p>
      {api && api.code !== 'network' ? (
        <p className="problem__detail" dir="ltr">
          {api.message}
        </p>
      ) : null}
      {api?.errors.length ? (
        <ul className="problem__fields" dir="ltr">
          {api.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {api?.requestId && api.status >= 500 ? <p className="problem__detail">{`${t('problem.requestId')} ${api.requestId}`}</p> : null}
    </div>
  );
}
