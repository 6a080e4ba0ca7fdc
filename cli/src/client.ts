import createClient from 'openapi-fetch';
import { CliError, type CliConfig } from './config-file.js';
import type { components, paths } from '@atelier/common/api-schema';

export type AtelierClient = ReturnType<typeof connect>;
export type Generation = paths['/api/v1/generations/{id}']['get']['responses'][200]['content']['application/json'];
type ApiError = components['schemas']['ApiError'];

/** The typed client (generated from docs/api/openapi.json), authenticated with the stored API token. */
export function connect(config: CliConfig) {
  return createClient<paths>({ baseUrl: config.url.replace(/\/+$/, ''), headers: { authorization: `Bearer ${config.token}` } });
}

/** The answer's data, or the server's own error message (its `{error: {code, message}}`) as a CliError. */
export function answer<T>(result: { data?: T; error?: unknown; response: Response }, doing: string): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  const error = (result.error as ApiError | undefined)?.error;
  const reason = error ? `${error.message} (${error.code})` : `HTTP ${result.response.status}`;
  throw new CliError(`Could not ${doing}: ${reason}`);
}

/** A multipart body for the upload routes (assets, batches), whose form fields the contract does not describe. */
export const multipart = (form: FormData) => ({ body: form as never, bodySerializer: (body: unknown) => body as FormData });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
