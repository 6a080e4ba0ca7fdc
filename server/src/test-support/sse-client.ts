import http from 'node:http';

export interface SseEvent {
  event: string;
  data: any;
}

export interface SseFollower {
  /** The events so far, parsed as they arrive. */
  events: SseEvent[];
  /** Resolves with the first event (the stream is set up by then). */
  first: Promise<SseEvent>;
  /** Resolves with every event when the server ends the stream. */
  ended: Promise<SseEvent[]>;
}

/** Follows a Server-Sent Events stream over real HTTP, as a browser's EventSource would (`auth`: a cookie header, or headers). */
export function followSse(port: number, path: string, auth: string | Record<string, string>): SseFollower {
  const headers = typeof auth === 'string' ? { cookie: auth } : auth;
  const events: SseEvent[] = [];
  let onFirst!: (e: SseEvent) => void;
  const first = new Promise<SseEvent>((resolve) => (onFirst = resolve));
  const ended = new Promise<SseEvent[]>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const event = parseBlock(block);
          if (!event) continue;
          events.push(event);
          if (events.length === 1) onFirst(event);
        }
      });
      res.on('end', () => resolve(events));
      res.on('error', reject);
    }).on('error', reject);
  });
  return { events, first, ended };
}

function parseBlock(block: string): SseEvent | undefined {
  const lines = block.split('\n');
  const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
  const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
  return event === undefined || data === undefined ? undefined : { event, data: JSON.parse(data) };
}
