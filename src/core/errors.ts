/**
 * Errors are values with stable codes. The HTTP layer maps each code to a status in one table
 * (src/server/http-errors.ts); messages are for people and say what would make the action pass.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'CSRF_TOKEN_MISSING',
  'CSRF_TOKEN_INVALID',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOTP_ENROLLMENT_REQUIRED',
  'SIGN_IN_THROTTLED',
  'RATE_LIMITED',
  'WEAK_PASSWORD',
  'TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'NOT_READY',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface DomainError {
  code: ErrorCode;
  message: string;
  fields?: FieldProblem[];
  /** Seconds after which a retry may succeed (throttling). */
  retryAfterSeconds?: number;
  /** Structured detail a client can act on (e.g. each conflicting appointment and the rule it breaks). */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Partial<DomainError> = {}): { ok: false; error: DomainError } => ({
  ok: false,
  error: { code, message, ...extra },
});
