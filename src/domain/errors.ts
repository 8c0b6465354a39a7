/**
 * The one error catalogue. Every error a client can see has a stable `code` here; HTTP presents it
 * as RFC 9457 problem+json (see http/problem.ts). Details are written by our code, never copied from
 * user input or stored data, so an error can never carry a restricted or sensitive value.
 *
 * @example
 *   throw new AppError('not_found', 'No case with this reference.');
 */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_body: { status: 400, title: 'The request body could not be parsed' },
  authentication_required: { status: 401, title: 'Sign-in required' },
  invalid_credentials: { status: 401, title: 'Wrong username or password' },
  second_factor_required: { status: 401, title: 'Second factor required' },
  second_factor_invalid: { status: 401, title: 'Wrong or expired second-factor code' },
  session_expired: { status: 401, title: 'Session expired' },
  token_invalid: { status: 401, title: 'API token not valid' },
  signature_invalid: { status: 401, title: 'Signature missing or not valid' },
  csrf_failed: { status: 403, title: 'Missing or wrong CSRF token' },
  forbidden: { status: 403, title: 'Not allowed' },
  second_factor_enrolment_required: { status: 403, title: 'Second factor must be enrolled first' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  enrolment_invalid: { status: 410, title: 'Enrolment link invalid, used or expired' },
  data_erased: { status: 410, title: 'The data was erased' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  unprocessable: { status: 422, title: 'The request cannot be carried out' },
  account_locked: { status: 423, title: 'Account temporarily locked' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service temporarily unavailable' },
  alert_ended: { status: 410, title: 'The alert has ended' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface FieldError {
  /** JSON pointer or dotted path of the field, e.g. "/child/birthDate". */
  readonly field: string;
  readonly message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly errors: readonly FieldError[];
  /** Seconds, for 423/429/503 answers. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, detail?: string, extra: { errors?: readonly FieldError[]; retryAfter?: number } = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(detail ?? entry.title);
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.title = entry.title;
    this.errors = extra.errors ?? [];
    this.retryAfter = extra.retryAfter;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
