import { buildServer } from './server-process.js';

/** Builds the server and the studio once, exactly as `npm start` does, before any end-to-end file runs. */
export default function setup(): void {
  buildServer();
}
