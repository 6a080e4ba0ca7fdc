import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Who the provider signs in next: its interaction step skips the login form and consent and answers as this person. */
export interface ProviderPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sets the person the next sign-in at the provider answers as. */
  signInAs(person: ProviderPerson): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the `oidc-provider` library) on 127.0.0.1 with one confidential client whose redirect URI
 * is `redirectUri`. Only its interaction (the login and consent pages) is replaced, by a step that signs in the
 * person set with signInAs; discovery, authorization, PKCE, tokens, ID token signing and userinfo are the library's.
 */
export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  let person: ProviderPerson = { sub: 'nobody' };
  const people = new Map<string, ProviderPerson>();
  const clientId = 'atelier-test';
  const clientSecret = crypto.randomBytes(24).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const found = people.get(sub);
      if (!found) return undefined;
      return { accountId: sub, claims: async () => ({ ...found }) };
    },
  });
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void handle(req, res);
    void (async () => {
      const grant = new provider.Grant({ accountId: person.sub, clientId });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: person.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((err: Error) => {
      res.statusCode = 500;
      res.end(err.message);
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(next) {
      person = next;
      // The provider may skip its login step for a browser it already knows: the claims follow the person at once.
      people.set(next.sub, next);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
