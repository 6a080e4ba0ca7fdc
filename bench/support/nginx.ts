import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sleep } from './stats.js';

export interface NginxServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for servers that cannot listen on port 0 and tell us the port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * nginx (the distribution's package: `apt-get install nginx`) serving `root` on 127.0.0.1 with sendfile, as a
 * baseline for file downloads. Everything it writes (config, pid, logs, temp folders) stays in `workDir`.
 */
export async function startNginx(opts: { root: string; workDir: string; workers: number }): Promise<NginxServer> {
  const port = await freePort();
  // The workers drop to an unprivileged user when nginx runs as root: the files must be readable by anyone.
  for (const dir of [opts.workDir, opts.root]) fs.chmodSync(dir, 0o755);
  for (const f of fs.readdirSync(opts.root)) fs.chmodSync(path.join(opts.root, f), 0o644);
  const conf = path.join(opts.workDir, 'nginx.conf');
  fs.writeFileSync(conf, `
worker_processes ${opts.workers};
pid ${opts.workDir}/nginx.pid;
error_log ${opts.workDir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${opts.workDir}/body;
  proxy_temp_path ${opts.workDir}/proxy;
  fastcgi_temp_path ${opts.workDir}/fastcgi;
  uwsgi_temp_path ${opts.workDir}/uwsgi;
  scgi_temp_path ${opts.workDir}/scgi;
  types { image/png png; }
  server {
    listen 127.0.0.1:${port};
    root ${opts.root};
  }
}
`);
  const child = spawn('nginx', ['-p', opts.workDir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new Error(`cannot start nginx (apt-get install nginx): ${err.message}`)));
  });
  await spawned;
  await waitForPort(port, child, () => stderr);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => stopChild(child),
  };
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`nginx did not listen on ${port}: ${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGQUIT'); // nginx: graceful shutdown of master and workers
  });
}
