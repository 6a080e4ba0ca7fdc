import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { GenerateBody } from '../generations/schemas.js';
import type { GenerateInput } from '../generations/service.js';
import { badLine, type RawRow } from './parse.js';

const COLUMNS = ['prompt', 'size', 'count', 'style', 'seed', 'engine', 'references'] as const;

/** What one row may hold: the studio's generate request, narrowed to the batch columns. */
export const BatchRowInput = Type.Pick(GenerateBody, COLUMNS, { additionalProperties: false });
type RowInput = Static<typeof BatchRowInput>;

/** A row that names a workflow: the workflow's id, and the row's other fields as the run's inputs. */
export function workflowRow(row: RawRow): { workflowId: string; inputs: Record<string, string> } | undefined {
  const { workflow, ...fields } = row.fields;
  if (workflow === undefined) return undefined;
  if (typeof workflow !== 'string' || !workflow.trim()) throw badLine(row.line, '"workflow" must be the id of one of your workflows.', 'workflow');
  const inputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string' && typeof value !== 'number') throw badLine(row.line, `"${name.slice(0, 40)}" must be text: it is an input of the workflow.`, name);
    inputs[name] = String(value);
  }
  return { workflowId: workflow.trim(), inputs };
}

/** A row's fields as a generate request; CSV cells are text, so numbers and reference lists are read from it. */
export function toGenerateInput(row: RawRow): GenerateInput {
  const fields = { ...row.fields };
  for (const name of Object.keys(fields)) {
    if (!(COLUMNS as readonly string[]).includes(name)) throw badLine(row.line, `unknown column "${name.slice(0, 40)}"; columns: ${COLUMNS.join(', ')}.`, name);
  }
  for (const name of ['count', 'seed'] as const) {
    const v = fields[name];
    if (typeof v === 'string' && /^\d+$/.test(v)) fields[name] = Number(v);
  }
  if (typeof fields.references === 'string') fields.references = fields.references.split(/[\s;|]+/).filter(Boolean);
  if (!Value.Check(BatchRowInput, fields)) {
    const error = Value.Errors(BatchRowInput, fields).First();
    const field = error?.path.split('/')[1] ?? 'prompt';
    throw badLine(row.line, `"${field}" ${error?.message.toLowerCase() ?? 'is not valid'}.`, field);
  }
  return fields as RowInput;
}
