import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { S3Config } from '../../server/src/deployment-config.js';

export interface S3Process {
  config: S3Config;
  close(): Promise<void>;
}

/** s3rver on 127.0.0.1 in a child process (see serving/s3-server-process.ts). */
export async function startS3Process(): Promise<S3Process> {
  const script = fileURLToPath(new URL('../serving/s3-server-process.ts', import.meta.url));
  const child = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const config = await new Promise<S3Config>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { config: S3Config }).config));
    child.once('exit', (code) => reject(new Error(`the S3 server process exited (${code})`)));
  });
  return {
    config,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
