import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Services } from './services.js';
import { registerAuthContext } from './http/auth-context.js';
import { answerFrameworkError, registerErrorHandling } from './http/error-handler.js';
import { loggerOptions } from './http/logging.js';
import { registerMetrics } from './http/metrics.js';
import { registerAddressLimits } from './http/rate-limit.js';
import { withSharedErrors } from './openapi/error-responses.js';
import { withOptionalDefaults } from './openapi/optional-defaults.js';
import { billingRoutes } from './modules/billing/routes.js';
import { stripeRoutes } from './modules/billing/stripe-routes.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { fastifyTrustProxy } from './http/trust-proxy.js';
import { AJV_OPTIONS, partAwareValidators } from './http/validation.js';
import { htmlPage } from './modules/privacy/policy/html.js';
import { authRoutes } from './modules/auth/routes.js';
import { oidcRoutes } from './modules/auth/oidc/routes.js';
import { passkeyRoutes } from './modules/auth/passkeys/routes.js';
import { accountRoutes } from './modules/auth/account-routes.js';
import { adminAccountRoutes } from './modules/auth/admin/routes.js';
import { openAiRoutes } from './modules/compat/openai/routes.js';
import { imageLinkRoutes } from './modules/compat/image-link-routes.js';
import { seedreamRoutes } from './modules/compat/seedream/routes.js';
import { tokenRoutes } from './modules/tokens/routes.js';
import { assetRoutes } from './modules/assets/routes.js';
import { albumRoutes } from './modules/albums/routes.js';
import { sharePages } from './modules/shares/public-routes.js';
import { shareRoutes } from './modules/shares/routes.js';
import { supportRoutes } from './modules/support/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { promptRoutes } from './modules/prompts/routes.js';
import { stylePreviewRoutes } from './modules/engines/style-preview-routes.js';
import { generationRoutes } from './modules/generations/routes.js';
import { batchRoutes } from './modules/batches/routes.js';
import { workflowRoutes } from './modules/workflows/routes.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { providerKeyRoutes } from './modules/provider-keys/routes.js';
import { engineRoutes } from './modules/engines/routes.js';
import { systemRoutes } from './modules/system/routes.js';
import { consentRoutes } from './modules/privacy/consents/routes.js';
import { deletionRoutes } from './modules/privacy/deletion/routes.js';
import { dataCommsApiRoutes, dataCommsPages } from './modules/privacy/data-comms-routes.js';

/** Shown at / until the studio (web/) is built: says plainly what is running and where to go. */
const LANDING_PAGE = htmlPage('Atelier', `<h1>Atelier is running</h1>
<p>The API is up. The studio web app has not been built into <code>web/dist</code> yet, so this page stands in for it.</p>
<p>Browse and try the API at <a href="/api/docs">/api/docs</a>. Health: <a href="/healthz">/healthz</a>.</p>`);

/** Builds the HTTP app over already-constructed services; no globals, so tests build as many as they like. */
export interface BuildOptions {
  /** Where logs go (default stdout); tests capture them to check what never reaches logs. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(services: Services, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, opts.logStream),
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 1024 * 1024,
    frameworkErrors: answerFrameworkError,
    ajv: AJV_OPTIONS,
    schemaController: { compilersFactory: { buildValidator: partAwareValidators() } },
  });

  registerErrorHandling(app);
  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  registerMetrics(app, services.metrics);
  registerAddressLimits(app, services.rateLimits);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Atelier API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'atelier_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          token: { type: 'http', scheme: 'bearer', description: 'A personal API token (atl_…), made in Settings → API tokens' },
        },
      },
      security: [{ session: [], csrf: [] }, { token: [] }],
    },
    transformObject: (doc) => ('openapiObject' in doc ? withOptionalDefaults(withSharedErrors(doc.openapiObject)) : doc.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(systemRoutes(services));
  await app.register(
    async (api) => {
      registerAuthContext(api, services.auth, services.tokens);
      await api.register(authRoutes(services.auth, config, services.comms.policy));
      await api.register(passkeyRoutes(services.passkeys, config, services.comms.policy));
      await api.register(oidcRoutes(services.oidc, config));
      await api.register(accountRoutes(services.accounts, config, services.comms.policy));
      await api.register(adminAccountRoutes(services.accounts));
      await api.register(tokenRoutes(services.tokens));
      await api.register(engineRoutes(services.engines, services.engineHealth));
      await api.register(generationRoutes(services));
      await api.register(batchRoutes(services));
      await api.register(workflowRoutes(services));
      await api.register(webhookRoutes(services.webhooks));
      await api.register(providerKeyRoutes(services.providerKeys));
      await api.register(assetRoutes(services));
      await api.register(albumRoutes(services));
      await api.register(billingRoutes(services));
      await api.register(stripeRoutes(services.stripe));
      await api.register(shareRoutes(services.shares));
      await api.register(supportRoutes(services.support));
      await api.register(reportRoutes(services.reports, services.assets));
      await api.register(promptRoutes(services.snippets, services.generations));
      await api.register(stylePreviewRoutes());
      await api.register(consentRoutes(services.consents));
      await api.register(deletionRoutes(services.deletion));
      await api.register(dataCommsApiRoutes(services));
    },
    { prefix: '/api/v1' },
  );
  await app.register(dataCommsPages(services));
  await app.register(sharePages({ shares: services.shares, assets: services.assets, attempts: services.attempts, publicUrl: config.privacy.publicUrl }));
  await app.register(openAiRoutes(services), { prefix: '/v1' });
  await app.register(imageLinkRoutes(services.imageLinks), { prefix: '/v1' });
  await app.register(seedreamRoutes(services), { prefix: '/api/v3' });

  if (!fs.existsSync(config.webDir)) {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html').send(LANDING_PAGE));
  } else {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false });
    // Client-side routes of the single-page app fall back to index.html; API paths keep their JSON 404.
    app.get('/*', (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/v1/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
