import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EngineInputError } from '@atelier/engine-builtin';
import { AppError, ErrorCodes, type ErrorCode } from './errors.js';

describe('error catalogue', () => {
  it('holds every code the built-in engine refuses a job with, each answered as 400', () => {
    expectTypeOf<EngineInputError['code']>().toMatchTypeOf<ErrorCode>();
    const codes: Array<EngineInputError['code']> = [
      'INVALID_SIZE', 'INVALID_STYLE', 'INVALID_OPERATIONS', 'INVALID_INSTRUCTION', 'INVALID_IMAGE', 'INVALID_JOB',
    ];
    for (const code of codes) {
      expect(ErrorCodes[code]).toBe(400);
      expect(new AppError(code, 'refused').statusCode).toBe(400);
    }
  });
});
