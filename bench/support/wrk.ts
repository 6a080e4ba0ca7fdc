import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface LoadResult {
  requests: number;
  bytes: number;
  seconds: number;
  /** Responses with a status other than 200/206, plus socket errors. */
  errors: number;
  mbPerSecond: number;
}

/**
 * A wrk script that stops each thread once it has sent its share of requests, so a run is bounded by count. The
 * count is kept in request() (a response() hook would make wrk copy every body into Lua, and the client would be
 * what is measured). wrk itself only knows a duration and sleeps until then even when every thread stopped, so each
 * thread prints its start and stop times (ns) and the caller ends wrk once all stopped; done() prints the totals.
 * Responses still in flight at a thread's stop are not counted, in bytes or in time.
 */
function wrkScript(perThread: number, headers: Record<string, string>): string {
  const headerLines = Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n');
  return `${headerLines}
local sent = 0
local function now_ns()
  local p = io.popen('date +%s%N')
  local t = p:read('*l')
  p:close()
  return t
end
function init(args)
  io.write('WRK_START ' .. now_ns() .. '\\n')
  io.flush()
end
function request()
  sent = sent + 1
  if sent == ${perThread} + 1 then
    io.write('WRK_STOP ' .. now_ns() .. '\\n')
    io.flush()
    wrk.thread:stop()
  end
  return wrk.format()
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"bytes":%d,"errors":%d}\\n',
    summary.requests, summary.bytes, e.connect + e.read + e.write + e.timeout + e.status))
end
`;
}

/**
 * Loads `url` with wrk (Debian's package: `apt-get install wrk`) at `connections` connections until `requests`
 * requests were sent (or `maxSeconds` passed). Throughput counts response bytes, headers included, as wrk does.
 */
export function runWrk(opts: {
  url: string;
  connections: number;
  threads: number;
  requests: number;
  maxSeconds: number;
  headers?: Record<string, string>;
  workDir: string;
}): Promise<LoadResult> {
  const perThread = Math.max(1, Math.ceil(opts.requests / opts.threads));
  const script = path.join(opts.workDir, `wrk-${process.pid}-${Date.now()}.lua`);
  fs.writeFileSync(script, wrkScript(perThread, opts.headers ?? {}));
  const args = ['-t', String(opts.threads), '-c', String(opts.connections), '-d', `${opts.maxSeconds}s`, '-s', script, opts.url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      // Every thread has its count: stop wrk's sleep (SIGINT makes it print its summary and exit).
      if ((stdout.match(/WRK_STOP/g) ?? []).length === opts.threads) child.kill('SIGINT');
    });
    child.once('error', (err) => reject(new Error(`cannot run wrk (apt-get install wrk): ${err.message}`)));
    child.once('close', () => {
      fs.rmSync(script, { force: true });
      const line = /WRK_RESULT (\{.*\})/.exec(stdout);
      if (!line) return reject(new Error(`no result from wrk: ${stdout} ${stderr}`));
      const r = JSON.parse(line[1]!) as { requests: number; bytes: number; errors: number };
      const times = (tag: string) => [...stdout.matchAll(new RegExp(`${tag} (\\d+)`, 'g'))].map((m) => Number(BigInt(m[1]!) / 1000n));
      const starts = times('WRK_START');
      const stops = times('WRK_STOP');
      // A thread that never reached its count ran until wrk's own duration ended.
      const seconds = stops.length === opts.threads ? (Math.max(...stops) - Math.min(...starts)) / 1e6 : opts.maxSeconds;
      resolve({ requests: r.requests, bytes: r.bytes, seconds, errors: r.errors, mbPerSecond: r.bytes / 1e6 / seconds });
    });
  });
}
