import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('sign-in configuration', () => {
  it('has single sign-on off unless an issuer is set', () => {
    expect(loadConfig({}).signIn).toEqual({});
  });

  it('reads the provider, the client and the button label', () => {
    const { signIn } = loadConfig({
      ATELIER_OIDC_ISSUER: 'https://id.example.com', ATELIER_OIDC_CLIENT_ID: 'atelier', ATELIER_OIDC_CLIENT_SECRET: 's3cret',
      ATELIER_OIDC_BUTTON_LABEL: 'Sign in with Example',
    });
    expect(signIn.oidc).toEqual({ issuer: 'https://id.example.com', clientId: 'atelier', clientSecret: 's3cret', buttonLabel: 'Sign in with Example' });
  });

  it('names every missing or wrong setting at once', () => {
    expect(problems({ ATELIER_OIDC_ISSUER: 'id.example.com' })).toEqual([
      'ATELIER_OIDC_ISSUER="id.example.com" must be the provider\'s http(s) issuer URL',
      'ATELIER_OIDC_CLIENT_ID must be set with ATELIER_OIDC_ISSUER (the client id the provider gave Atelier)',
      'ATELIER_OIDC_CLIENT_SECRET must be set with ATELIER_OIDC_ISSUER',
    ]);
    expect(problems({ ATELIER_OIDC_CLIENT_ID: 'atelier' })).toEqual([
      'ATELIER_OIDC_CLIENT_ID and ATELIER_OIDC_CLIENT_SECRET need ATELIER_OIDC_ISSUER (the provider\'s issuer URL)',
    ]);
  });
});
