import type { Asset } from '../../db/schema.js';
import { escapeHtml } from '../privacy/policy/html.js';
import type { PageLang, PageText } from './page-text.js';
import type { OpenShare } from './service.js';

/** Where a link's images are served; `grant` unlocks a password-protected link (no cookie is ever set). */
export function sharedImagePath(token: string, assetId: string, opts: { grant?: string; download?: boolean; thumb?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (opts.grant) params.set('g', opts.grant);
  if (opts.download) params.set('download', '1');
  const query = params.toString();
  return `/s/${token}/${opts.thumb ? 'thumbs' : 'images'}/${encodeURIComponent(assetId)}${query ? `?${query}` : ''}`;
}

/** The studio's report form for one image of the link. */
export function reportPath(token: string, assetId: string): string {
  return `/report?${new URLSearchParams({ share: token, asset: assetId }).toString()}`;
}

/** The share pages' one inline style sheet, allowed by its hash in their CSP (public-routes.ts). */
export const SHARE_PAGE_STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:1.5rem 1rem;line-height:1.5;color:#1d1d1f;background:#fafafa}
main{max-width:72rem;margin:0 auto}h1{font-size:1.5rem;margin:0 0 1rem}.meta{color:#555}
.single img{max-width:100%;max-height:80vh;display:block;margin:0 auto}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem;list-style:none;padding:0}
.grid img{width:100%;aspect-ratio:1;object-fit:cover;border-radius:.4rem;display:block}
a{color:#0b57d0}a.report{font-size:.85rem;color:#555}blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:3px solid #ccc;white-space:pre-wrap}
input,button{font:inherit;padding:.5rem .75rem;border-radius:.4rem;border:1px solid #555}button{background:#1d1d1f;color:#fff;cursor:pointer}
.error{color:#b00020}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.meta{color:#aaa}a{color:#8ab4f8}}`;

/** A complete page: no script, no remote resource, never indexed. `head` and `body` must already be escaped. */
export function sharePageShell(lang: PageLang, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>${head}
<style>${SHARE_PAGE_STYLE}</style>
</head><body><main>
${body}
</main></body></html>`;
}

export function shareTitle(open: OpenShare, t: PageText): string {
  if (open.albumName !== null) return open.albumName;
  return open.share.target_kind === 'asset' ? t.sharedImage : t.sharedSet;
}

/** Open Graph and Twitter card tags naming the first image, so chat apps show a preview (not for a locked link). */
function previewTags(open: OpenShare, title: string, t: PageText, token: string, publicUrl: string): string {
  const first = open.images[0]!;
  const meta = (property: string, content: string) => `\n<meta property="${property}" content="${escapeHtml(content)}">`;
  return meta('og:type', 'website') + meta('og:title', title) + meta('og:description', t.sharedWith)
    + meta('og:url', `${publicUrl}/s/${token}`) + meta('og:image', `${publicUrl}${sharedImagePath(token, first.id)}`)
    + meta('og:image:type', first.mime) + meta('og:image:width', String(first.width)) + meta('og:image:height', String(first.height))
    + `\n<meta name="twitter:card" content="summary_large_image">`;
}

function figure(asset: Asset, n: number, ctx: { token: string; grant?: string; download: boolean; t: PageText; single: boolean }): string {
  const alt = escapeHtml(ctx.t.image(n));
  const full = escapeHtml(sharedImagePath(ctx.token, asset.id, { grant: ctx.grant }));
  const img = ctx.single
    ? `<img src="${full}" alt="${alt}" width="${asset.width}" height="${asset.height}">`
    : `<a href="${full}"><img src="${escapeHtml(sharedImagePath(ctx.token, asset.id, { grant: ctx.grant, thumb: true }))}" alt="${alt}" loading="lazy"></a>`;
  const download = ctx.download
    ? `<br><a href="${escapeHtml(sharedImagePath(ctx.token, asset.id, { grant: ctx.grant, download: true }))}" download>${escapeHtml(ctx.t.download)}</a>`
    : '';
  // Reporting is done signed in, in the studio (which asks to sign in first); the link names the image.
  const report = `<br><a class="report" href="${escapeHtml(reportPath(ctx.token, asset.id))}" rel="nofollow">${escapeHtml(ctx.t.report)}</a>`;
  return `${ctx.single ? '<figure class="single">' : '<li>'}${img}${download}${report}${ctx.single ? '</figure>' : '</li>'}`;
}

/** The page of an open (or unlocked) link. */
export function renderSharePage(open: OpenShare, p: { lang: PageLang; t: PageText; token: string; grant?: string; publicUrl: string }): string {
  const { share, images } = open;
  const title = shareTitle(open, p.t);
  const ctx = { token: p.token, grant: p.grant, download: share.allow_download === 1, t: p.t, single: images.length === 1 && share.target_kind === 'asset' };
  const prompts = share.include_prompt === 1
    ? [...new Set(images.filter((a) => a.kind !== 'upload').map((a) => a.search_text))]
        .map((text) => `<p class="meta">${escapeHtml(p.t.prompt)}</p><blockquote>${escapeHtml(text)}</blockquote>`).join('')
    : '';
  const figures = images.map((a, i) => figure(a, i + 1, ctx)).join('');
  const body = `<h1>${escapeHtml(title)}</h1>
${ctx.single ? figures : `<ul class="grid">${figures}</ul>`}
${prompts}
<p class="meta">${escapeHtml(p.t.sharedWith)}</p>`;
  const head = share.password_hash === null ? previewTags(open, title, p.t, p.token, p.publicUrl) : '';
  return sharePageShell(p.lang, title, body, head);
}

/** The password form of a protected link; it posts back to the link itself. */
export function renderLockedPage(p: { lang: PageLang; t: PageText; token: string; wrong: boolean }): string {
  const error = p.wrong ? `<p class="error" role="alert">${escapeHtml(p.t.wrongPassword)}</p>` : '';
  return sharePageShell(p.lang, p.t.lockedTitle, `<h1>${escapeHtml(p.t.lockedTitle)}</h1>
<p>${escapeHtml(p.t.lockedBody)}</p>${error}
<form method="post" action="/s/${escapeHtml(p.token)}"><label for="password">${escapeHtml(p.t.password)}</label><br>
<input id="password" name="password" type="password" autocomplete="off" required autofocus> <button type="submit">${escapeHtml(p.t.open)}</button></form>`);
}

/** A page that only says something (gone, unknown, too many tries). */
export function renderNoticePage(lang: PageLang, title: string, text: string): string {
  return sharePageShell(lang, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
