import type { FastifyServerOptions } from 'fastify';

/**
 * Paths whose segment is itself a capability (whoever has it gets in): share links, /s/<token>/… The other emailed
 * links (sign-up, verification, reset, unsubscribe, invitation, report) carry their token in the query string.
 */
const CAPABILITY_PATHS: readonly RegExp[] = [/^(\/s\/)[^/]+/];

/** A request path as logged: no query string (search text, emailed tokens) and no capability segment. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0]!;
  return CAPABILITY_PATHS.reduce((p, pattern) => p.replace(pattern, '$1[redacted]'), path);
}

/**
 * Structured logs that never carry secrets or prompts: credentials live in headers and bodies (never logged),
 * and logged URLs lose their query string and capability tokens (loggedPath).
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
        '*.password', '*.currentPassword', '*.newPassword', '*.prompt', '*.instruction', '*.token', '*.apiKey',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; ip?: string; id?: string }) {
        return { id: req.id, method: req.method, path: loggedPath(req.url) };
      },
    },
  };
}
