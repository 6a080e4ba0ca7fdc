import { AppError } from '../../http/errors.js';
import { GENERATING_STEPS, IMAGE_STEPS, type WorkflowStep, type WorkflowVariable } from './steps.js';

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

export const badStep = (step: number, message: string, field?: string) =>
  new AppError('INVALID_STEP', `Step ${step + 1}: ${message}`, { step, ...(field ? { field } : {}) });

/** Every `{{name}}` a value holds, in any string, however deep. */
function namesIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) into.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) namesIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) namesIn(v, into);
  return into;
}

/** The variables the steps use, in order of first use. */
export const variablesUsed = (steps: readonly WorkflowStep[]): string[] => [...namesIn(steps, new Set())];

/**
 * The rules a workflow keeps beyond its schema: every variable it uses is declared (once), and every step that works
 * on an image has one (a `source`, or an earlier step that made images).
 */
export function checkWorkflow(steps: readonly WorkflowStep[], variables: readonly WorkflowVariable[]): void {
  const declared = new Set<string>();
  for (const v of variables) {
    if (declared.has(v.name)) throw new AppError('VALIDATION_FAILED', `The variable "${v.name}" is declared twice.`, { field: 'variables', variable: v.name });
    declared.add(v.name);
  }
  let hasImage = false;
  steps.forEach((step, i) => {
    for (const name of namesIn(step, new Set())) {
      if (!declared.has(name)) {
        throw new AppError('UNKNOWN_VARIABLE', `Step ${i + 1} uses {{${name}}}, which the workflow does not declare: add it to the variables.`, { step: i, variable: name });
      }
    }
    const needsImage = IMAGE_STEPS.has(step.kind) ? !('source' in step && step.source) : !GENERATING_STEPS.has(step.kind);
    if (needsImage && !hasImage) {
      throw badStep(i, `a "${step.kind}" step needs an image: put a generate step before it${IMAGE_STEPS.has(step.kind) ? ' or give it a source' : ''}.`, 'kind');
    }
    if (GENERATING_STEPS.has(step.kind)) hasImage = true;
  });
}

/** The inputs of a run with defaults filled in; an input not declared, or a variable without value, is refused. */
export function resolveInputs(variables: readonly WorkflowVariable[], inputs: Readonly<Record<string, string>>): Record<string, string> {
  const declared = new Map(variables.map((v) => [v.name, v]));
  for (const name of Object.keys(inputs)) {
    if (!declared.has(name)) {
      const names = [...declared.keys()].join(', ') || 'none';
      throw new AppError('UNKNOWN_VARIABLE', `This workflow has no variable "${name.slice(0, 40)}" (its variables: ${names}).`, { variable: name });
    }
  }
  const values: Record<string, string> = {};
  for (const v of variables) {
    const value = inputs[v.name]?.trim() ? inputs[v.name]! : v.default;
    if (value === undefined || value.trim() === '') {
      throw new AppError('MISSING_INPUT', `Give a value for "${v.label ?? v.name}" ({{${v.name}}}).`, { variable: v.name });
    }
    values[v.name] = value;
  }
  return values;
}

/** The steps with every `{{name}}` replaced by its value. */
export function fillIn<T>(value: T, values: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '') as T;
  if (Array.isArray(value)) return value.map((v) => fillIn(v, values)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillIn(v, values)])) as T;
  return value;
}
