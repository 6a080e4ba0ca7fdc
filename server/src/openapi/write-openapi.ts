/**
 * `npm run openapi`: writes docs/api/openapi.json, the document generated from the route schemas. The app is built
 * in-process over a throwaway data folder (no network, nothing listening), so the text depends on the code alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { createServices } from '../services.js';
import { openApiText } from './error-responses.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../../../docs/api/openapi.json', import.meta.url));

/** The document as the app serves it, in its committed text form. */
export async function generatedOpenApiText(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-openapi-'));
  try {
    const services = await createServices(testConfig(dataDir));
    const app = await buildApp(services);
    try {
      await app.ready();
      return openApiText(app.swagger());
    } finally {
      await app.close();
      await services.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.mkdirSync(path.dirname(OPENAPI_FILE), { recursive: true });
  fs.writeFileSync(OPENAPI_FILE, await generatedOpenApiText());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
