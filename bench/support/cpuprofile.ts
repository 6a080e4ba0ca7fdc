import inspector from 'node:inspector';

/** The parts of a V8 .cpuprofile that the summaries read. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Profiles this thread (the main thread: the app's JavaScript) between start() and stop(), via the inspector. */
export class WindowProfiler {
  private readonly session = new inspector.Session();
  private running = false;

  constructor(intervalUs = 250) {
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.setSamplingInterval', { interval: intervalUs });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.post('Profiler.start');
  }

  stop(): Promise<CpuProfile> {
    this.running = false;
    return new Promise((resolve, reject) => {
      this.session.post('Profiler.stop', (err, result) => (err ? reject(err) : resolve((result as { profile: CpuProfile }).profile)));
    });
  }

  close(): void {
    this.session.disconnect();
  }

  private post(method: string, params?: object): void {
    this.session.post(method, params ?? {}, (err) => {
      if (err) console.error(`inspector ${method}: ${err.message}`);
    });
  }
}

/**
 * Which part of the stack a sampled frame belongs to, in terms that map to fixes: SQLite itself, the Kysely query
 * builder above it, sharp/libvips, the blob store and its crypto, the file-system calls, HTTP, the app's code, GC.
 */
export function bucketOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    return 'V8/native other';
  }
  if (url.includes('bench/support/sql-probe')) return 'SQLite (prepare + step)';
  if (url.includes('node_modules/better-sqlite3')) return 'SQLite (prepare + step)';
  if (url.includes('node_modules/kysely')) return 'Kysely (build + compile queries)';
  if (url.includes('node_modules/sharp') || url.includes('server/src/media/')) return 'sharp (provenance XMP)';
  if (url.includes('server/src/storage/') || url.startsWith('node:internal/crypto')) return 'blob store + crypto';
  if (url.includes('node_modules/@node-rs/argon2')) return 'argon2';
  if (/node_modules\/(fastify|find-my-way|light-my-request|ajv|fast-json-stringify|@fastify|avvio|pino|fast-querystring|fast-uri|cookie|secure-json-parse|prom-client)/.test(url)) {
    return 'Fastify + plugins';
  }
  if (url.includes('bench/') || url === 'node:inspector') return 'bench clients + instrumentation';
  if (/^node:(internal\/)?(_http_client|_http_agent)/.test(url)) return 'bench clients + instrumentation';
  if (/^node:(internal\/)?(_http_server|_http_common|_http_outgoing|_http_incoming|net|stream|streams|http)/.test(url)) return 'Node HTTP + streams';
  if (url.startsWith('node:internal/fs') || url.startsWith('node:fs')) return 'fs calls (submit to threadpool)';
  if (url.includes('server/src/')) return 'app code (server/src)';
  if (url.startsWith('node:internal/modules') || url.includes('node_modules/tsx') || url.includes('node_modules/esbuild')) return 'module loading';
  return 'Node other (events, timers, buffers...)';
}

/**
 * Self time (µs) per bucket. A native function (no script URL: a better-sqlite3 step, a sharp call, an fs binding)
 * is charged to the JavaScript that called it.
 */
export function selfTimeByBucket(profile: CpuProfile, bucket: (f: CallFrame) => string = bucketOf): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Anything called (synchronously) from the built-in engine is engine work, sharp and native calls included.
  const engineMemo = new Map<number, boolean>();
  const inEngine = (id: number): boolean => {
    const known = engineMemo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const v = node.callFrame.url.includes('server/src/engines/') || (up !== undefined && inEngine(up));
    engineMemo.set(id, v);
    return v;
  };
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let node: ProfileNode | undefined = byId.get(id);
    if (!node) return;
    while (node.callFrame.url === '' && !node.callFrame.functionName.startsWith('(') && parent.has(node.id)) {
      const up: ProfileNode = byId.get(parent.get(node.id)!)!;
      if (up.callFrame.functionName === '(root)') break;
      node = up;
    }
    const b = inEngine(id) ? 'builtin engine (render)' : bucket(node.callFrame);
    out.set(b, (out.get(b) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return out;
}
