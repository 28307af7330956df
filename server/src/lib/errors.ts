import { ERRORS, type ApiErrorBody, type ErrorCode } from '../../../common/errors.js';

/** An expected failure: carries a stable code, its HTTP status and a French message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

/** Narrows away null/undefined or throws the given not-found code. */
export function found<T>(value: T | null | undefined, code: ErrorCode = 'NOT_FOUND'): T {
  if (value === null || value === undefined) throw new AppError(code);
  return value;
}

export function ensure(condition: unknown, code: ErrorCode, message?: string): asserts condition {
  if (!condition) throw new AppError(code, message);
}

/** PostgreSQL unique_violation, for turning a lost race into a 409. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; cause?: unknown };
  if (e?.code === '23505') return constraint === undefined || e.constraint === constraint;
  return e?.cause ? isUniqueViolation(e.cause, constraint) : false;
}
