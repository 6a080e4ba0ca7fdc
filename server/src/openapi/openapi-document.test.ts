import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../http/errors.js';
import { appForFile } from '../test-support/harness.js';
import { openApiText } from './error-responses.js';
import { OPENAPI_FILE } from './write-openapi.js';

const { t } = appForFile();

describe('the committed OpenAPI document', () => {
  it('is the document the server serves', async () => {
    const served = openApiText((await t.app.inject('/api/docs/json')).json());
    const committed = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
    expect(served === committed, 'docs/api/openapi.json is out of date with the route schemas: run `npm run openapi` and commit the result').toBe(true);
  });

  it('declares one shared error schema with the whole catalogue, referenced by every /api/v1 operation', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json() as {
      components: { schemas: { ApiError: { properties: { error: { properties: { code: { enum: string[] } } } } } } };
      paths: Record<string, Record<string, { responses: Record<string, any> }>>;
    };
    expect(doc.components.schemas.ApiError.properties.error.properties.code.enum).toEqual(expect.arrayContaining(Object.keys(ErrorCodes)));
    const operations = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/')).flatMap(([, ops]) => Object.values(ops));
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      expect(op.responses['4XX'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    }
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/v1/') || path.startsWith('/api/v3/'))).toBe(false);
  });
});
