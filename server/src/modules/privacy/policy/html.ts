/** Small helpers for the few server-rendered pages (privacy policy, unsubscribe): no template engine needed. */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The one inline style sheet of the server-rendered pages; its hash is allowed by the CSP (http/security-headers.ts). */
export const PAGE_STYLE = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.55;color:#1d1d1f}
h1{font-size:1.8rem}h2{font-size:1.2rem;margin-top:2rem}code{font-size:.95em}.meta{color:#555}
button{font:inherit;padding:.5rem 1rem;border-radius:.4rem;border:1px solid #333;background:#1d1d1f;color:#fff;cursor:pointer}`;

/** A complete, self-contained page (no script, no remote resource). `body` must already be escaped HTML. */
export function htmlPage(title: string, body: string, lang = 'en'): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head><body>
${body}
</body></html>`;
}
