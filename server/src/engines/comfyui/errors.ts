import { ProviderCallError } from '../provider/errors.js';
import { commonFailure } from '../local/http.js';

interface NodeErrors {
  [node: string]: { class_type?: string; errors?: Array<{ type?: string; message?: string; details?: string }> };
}

/**
 * ComfyUI refuses a workflow with `400 {"error", "node_errors"}`: a workflow that does not fit this ComfyUI (a model
 * or node it lacks) is the server's settings, not the person's request. Only node classes, error types and messages
 * are kept: `extra_info.received_value` can hold the prompt.
 */
export function comfyFailure(status: number, body: unknown, retryAfterMs: number | undefined, safe: (t: string) => string): ProviderCallError {
  const b = (body ?? {}) as { error?: { type?: string; message?: string }; node_errors?: NodeErrors };
  if (status === 400 && b.error) {
    const nodes = Object.entries(b.node_errors ?? {}).map(([id, n]) =>
      `node ${id} (${n.class_type ?? '?'}): ${(n.errors ?? []).map((e) => `${e.message ?? e.type}${e.details ? ` ${e.details}` : ''}`).join(', ')}`);
    const detail = safe(`${b.error.message ?? b.error.type ?? 'invalid workflow'}${nodes.length ? `: ${nodes.join('; ')}` : ''}`);
    return new ProviderCallError('config', b.error.type ?? 'INVALID_WORKFLOW', `ComfyUI refused the workflow (${detail})`, { httpStatus: 400, detail });
  }
  const text = typeof b.error === 'string' ? b.error : b.error?.message ?? '';
  return commonFailure('ComfyUI', status, safe(text), retryAfterMs);
}

/** A node failed while the workflow ran: out of memory is worth another attempt, anything else is not. */
export function executionFailure(data: { node_type?: string; exception_type?: string; exception_message?: string }, safe: (t: string) => string): ProviderCallError {
  const what = safe(`${data.node_type ?? 'a node'} failed: ${data.exception_type ?? 'error'}: ${data.exception_message ?? ''}`.trim());
  const oom = /OutOfMemory|out of memory/i.test(`${data.exception_type} ${data.exception_message}`);
  return new ProviderCallError(oom ? 'retryable' : 'rejected', 'EXECUTION_ERROR', `ComfyUI could not run the workflow (${what})`,
    { detail: what, userMessage: `ComfyUI could not run the workflow: ${what}.` });
}
