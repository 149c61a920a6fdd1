/** The HTTP edge of the domain error catalogue: every code gets a client or server error status. */
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_MESSAGES, type ErrorCode } from '../errors/catalogue.js';
import { ApiError, ERRORS, errorBody, HTTP_STATUS, httpStatus } from './errors.js';

const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

describe('error catalogue at the HTTP edge', () => {
  it('gives every domain code a 4xx or 5xx status, and no status to an unknown code', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(HTTP_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(HTTP_STATUS[code], code).toBeLessThan(600);
    }
  });

  it('renders a domain error thrown below the server with its status and its message in FR or EN', () => {
    const error = new DomainError('SCR_RECOVERY_TOO_LATE', { step: 'credentials' });
    expect(httpStatus(error)).toBe(409);
    expect(error.message).toBe(ERROR_MESSAGES.SCR_RECOVERY_TOO_LATE.en);
    expect(errorBody(error.code, 'fr', error.detail)).toEqual({
      error: {
        code: 'SCR_RECOVERY_TOO_LATE',
        message: 'Choisissez le mode de récupération avant la génération des codes de vote.',
        detail: { step: 'credentials' },
      },
    });
  });

  it('keeps ApiError a DomainError carrying the same status, and ERRORS the joined table', () => {
    const error = new ApiError('SCR_RATE_LIMITED');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.status).toBe(429);
    expect(ERRORS.SCR_NOT_FOUND).toEqual({ status: 404, en: 'Not found.', fr: 'Introuvable.' });
  });
});
