import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the server exactly as `npm start` does before it runs it. */
export function buildServer(): void {
  // Vitest sets NODE_ENV=test, which Vite would honour and build React's development bundle: build for production.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node server/dist/main.js serve` (what `npm start` runs after building) and waits for /healthz; on a free
 * port, or on env.PORT when the test chose one (to name it in ATELIER_PUBLIC_URL too).
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  // A test that must know the address before the start (ATELIER_PUBLIC_URL names it) picks the port itself.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startCommand('serve', { HOST: '127.0.0.1', PORT: String(port), ...env }, url, async () => {
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false; // not listening yet
    }
  });
}

/** Starts `node server/dist/main.js worker` (workers only, no HTTP) and waits until it says it runs. */
export function startWorker(env: Record<string, string>): Promise<RunningServer> {
  return startCommand('worker', env, '', async (output) => /Atelier worker running/.test(output));
}

async function startCommand(command: string, env: Record<string, string>, url: string,
  ready: (output: string) => Promise<boolean>): Promise<RunningServer> {
  const child = spawn(process.execPath, ['server/dist/main.js', command], {
    cwd: repoRoot,
    env: { ...process.env, ATELIER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`atelier ${command} exited with ${child.exitCode}:\n${out}`);
    if (await ready(out)) break;
    if (Date.now() > deadline) throw new Error(`atelier ${command} did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
