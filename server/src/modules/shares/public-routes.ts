import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sha256Source } from '../../http/security-headers.js';
import { contentDisposition } from '../assets/download-name.js';
import type { AssetService } from '../assets/service.js';
import type { AttemptLimiter } from '../auth/attempt-limiter.js';
import { ShareLookupLimiter, type Lookup, type LookupLimits } from './lookup-limiter.js';
import { pageLang, pageText } from './page-text.js';
import type { ShareMiss, ShareService } from './service.js';
import { renderLockedPage, renderNoticePage, renderSharePage, SHARE_PAGE_STYLE } from './share-page.js';

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
const ImageParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }), assetId: Type.String({ minLength: 1, maxLength: 64 }) });
const ImageQuery = Type.Object({ g: Type.Optional(Type.String({ maxLength: 200 })), download: Type.Optional(Type.String({ maxLength: 5 })) });

/** Everything under /s/ is never indexed, never cached (a revoked link stops at once) and leaks no referrer. */
function privateHeaders(reply: FastifyReply): void {
  reply.header('x-robots-tag', 'noindex, nofollow');
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-content-type-options', 'nosniff');
}

/** Stricter than the site-wide CSP (http/security-headers.ts), which these replace: nothing but the page's own images and style. */
const PAGE_CSP = `default-src 'none'; img-src 'self'; style-src ${sha256Source(SHARE_PAGE_STYLE)}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
const IMAGE_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox";

export interface SharePagesDeps {
  shares: ShareService;
  assets: Pick<AssetService, 'sharedCopy' | 'thumbnail'>;
  /** Counts lookups per IP in the database, for every process. */
  attempts: AttemptLimiter;
  publicUrl: string;
  limits?: LookupLimits;
}

/**
 * The public side of share links, outside /api and without the session (so it sets no cookie):
 *   GET  /s/:token                     the page (a password form for a protected link); 404 unknown, 410 gone
 *   POST /s/:token                     password=… → the page, its image addresses carrying an unlock grant
 *   GET  /s/:token/images/:assetId     one image, stripped of the prompt unless the owner included it (?download=1)
 *   GET  /s/:token/thumbs/:assetId     its thumbnail
 * Lookups are rate-limited per IP.
 */
export function sharePages(d: SharePagesDeps) {
  const limiter = new ShareLookupLimiter(d.attempts, d.limits);
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, body));
    app.addHook('onRequest', async (_request, reply) => privateHeaders(reply));

    const html = (reply: FastifyReply, status: number, page: string) =>
      reply.status(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).send(page);
    const langOf = (request: FastifyRequest) => pageLang(request.headers['accept-language']);

    /** The lookup, counted for the IP (a page open too when `page`); answers 429 and undefined when it looked up too much. */
    const admitted = async (request: FastifyRequest, reply: FastifyReply, page: boolean): Promise<Lookup | undefined> => {
      const lookup = await limiter.admit(request.ip, page);
      if ('found' in lookup) return lookup;
      const t = pageText(langOf(request));
      const wait = String(lookup.retryAfterSeconds);
      await html(reply.header('retry-after', wait), 429, renderNoticePage(langOf(request), t.limitedTitle, t.limitedBody));
      return undefined;
    };
    /** The lookup's reserved miss stays counted. */
    const missPage = (request: FastifyRequest, reply: FastifyReply, miss: ShareMiss) => {
      const lang = langOf(request);
      const t = pageText(lang);
      return miss === 'gone'
        ? html(reply, 410, renderNoticePage(lang, t.goneTitle, t.goneBody))
        : html(reply, 404, renderNoticePage(lang, t.unknownTitle, t.unknownBody));
    };

    const schema = { hide: true, params: TokenParams };
    app.get('/s/:token', { schema }, async (request, reply) => {
      const lookup = await admitted(request, reply, true);
      if (!lookup) return reply;
      const { token } = request.params;
      const lang = langOf(request);
      const found = await d.shares.open(token);
      if (!found.ok) return missPage(request, reply, found.miss);
      await lookup.found();
      const t = pageText(lang);
      if (found.open.share.password_hash !== null) return html(reply, 200, renderLockedPage({ lang, t, token, wrong: false }));
      await d.shares.countView(found.open.share);
      return html(reply, 200, renderSharePage(found.open, { lang, t, token, publicUrl: d.publicUrl }));
    });

    app.post('/s/:token', { schema }, async (request, reply) => {
      const lookup = await admitted(request, reply, true);
      if (!lookup) return reply;
      const { token } = request.params;
      const lang = langOf(request);
      const t = pageText(lang);
      const found = await d.shares.open(token);
      if (!found.ok) return missPage(request, reply, found.miss);
      const password = new URLSearchParams(typeof request.body === 'string' ? request.body : '').get('password') ?? '';
      // A wrong password stays counted as a miss.
      if (!(await d.shares.checkPassword(found.open.share, password))) return html(reply, 403, renderLockedPage({ lang, t, token, wrong: true }));
      await lookup.found();
      await d.shares.countView(found.open.share);
      const grant = found.open.share.password_hash === null ? undefined : d.shares.unlockGrant(found.open.share);
      return html(reply, 200, renderSharePage(found.open, { lang, t, token, grant, publicUrl: d.publicUrl }));
    });

    /** The link's image `assetId` when the request may see it; otherwise answers and returns undefined. */
    const sharedImage = async (request: FastifyRequest, reply: FastifyReply, ask: { token: string; assetId: string; g?: string }) => {
      const lookup = await admitted(request, reply, false);
      if (!lookup) return undefined;
      const found = await d.shares.open(ask.token);
      if (!found.ok) return void (await missPage(request, reply, found.miss));
      const image = found.open.images.find((a) => a.id === ask.assetId);
      if (!image || !d.shares.isUnlocked(found.open.share, ask.g)) return void (await missPage(request, reply, 'unknown'));
      await lookup.found();
      return { share: found.open.share, image };
    };

    const imageSchema = { hide: true, params: ImageParams, querystring: ImageQuery };
    app.get('/s/:token/images/:assetId', { schema: imageSchema }, async (request, reply) => {
      const found = await sharedImage(request, reply, { ...request.params, g: request.query.g });
      if (!found) return reply;
      const download = request.query.download === '1';
      if (download && found.share.allow_download !== 1) {
        const lang = langOf(request);
        return html(reply, 403, renderNoticePage(lang, pageText(lang).download, pageText(lang).noDownload));
      }
      const withDetails = found.share.include_prompt === 1;
      const data = await d.assets.sharedCopy(found.image, withDetails);
      // An upload's own file name leaves only with the details the owner chose to include.
      const disposition = contentDisposition(found.image, download ? 'attachment' : 'inline', { ownName: withDetails });
      return reply.type(found.image.mime).header('content-length', String(data.length)).header('content-disposition', disposition)
        .header('content-security-policy', IMAGE_CSP).send(data);
    });

    app.get('/s/:token/thumbs/:assetId', { schema: imageSchema }, async (request, reply) => {
      const found = await sharedImage(request, reply, { ...request.params, g: request.query.g });
      if (!found) return reply;
      const thumb = await d.assets.thumbnail(found.image.user_id, found.image.id);
      return reply.type('image/webp').header('content-security-policy', IMAGE_CSP).send(thumb.data);
    });
  };
}
