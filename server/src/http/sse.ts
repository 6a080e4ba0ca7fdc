import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SseChannel {
  send(event: string, data: unknown): void;
  /** A bare `data:` line (a stream's end marker such as `[DONE]`). */
  sendData(text: string): void;
  close(): void;
  /** Runs `fn` when the stream closes, from either end; at once when it is closed already. */
  onClose(fn: () => void): void;
}

/** Opens a Server-Sent Events stream on the raw response, with a keep-alive comment every 15 s. */
export function openSse(request: FastifyRequest, reply: FastifyReply): SseChannel {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const closers: Array<() => void> = [];
  let closed = false;
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  const shutdown = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    for (const fn of closers) fn();
  };
  request.raw.on('close', shutdown);
  return {
    send(event, data) {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    sendData(text) {
      if (!closed) res.write(`data: ${text}\n\n`);
    },
    close() {
      shutdown();
      res.end();
    },
    onClose(fn) {
      // A stream that closed already (the client left while the handler awaited) runs it at once.
      if (closed) fn();
      else closers.push(fn);
    },
  };
}
