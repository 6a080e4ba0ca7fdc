import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { passkeyErrorKey } from './passkeys';

const browserError = (name: string, code?: string) => Object.assign(new Error('x'), { name, code });

describe('what a failed passkey ceremony tells the person', () => {
  it('names the server\'s refusals in the studio\'s words, and passes other API errors through', () => {
    expect(passkeyErrorKey(new ApiError(401, 'INVALID_CREDENTIALS', 'not registered'))).toBe('passkeys.refused');
    expect(passkeyErrorKey(new ApiError(409, 'INVALID_STATE', 'expired'))).toBe('passkeys.expired');
    expect(passkeyErrorKey(new ApiError(429, 'RATE_LIMITED', 'Too many'))).toBe('api');
  });

  it('tells a closed dialog, an authenticator already registered and a wrong site apart', () => {
    expect(passkeyErrorKey(browserError('NotAllowedError'))).toBe('passkeys.canceled');
    expect(passkeyErrorKey(browserError('InvalidStateError', 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'))).toBe('passkeys.alreadyRegistered');
    expect(passkeyErrorKey(browserError('SecurityError', 'ERROR_INVALID_RP_ID'))).toBe('passkeys.wrongSite');
    expect(passkeyErrorKey(browserError('UnknownError'))).toBe('passkeys.failed');
  });
});
