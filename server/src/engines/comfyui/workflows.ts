import fs from 'node:fs';
import path from 'node:path';
import type { EditTool } from '../engine.js';
import { SHIPPED_TEMPLATES } from './templates.js';

/** A ComfyUI workflow in API format: nodes by id; a link is [node id, output index]. */
export type ApiWorkflow = Record<string, { class_type: string; inputs: Record<string, unknown>; _meta?: unknown }>;

export const SLOT_NAMES = [
  'prompt', 'negativePrompt', 'seed', 'steps', 'guidance', 'sampler', 'width', 'height', 'count', 'checkpoint', 'image', 'mask',
  'upscaleModel', 'prefix',
  // An image-to-image workflow with a reference slot also makes sets from a reference image (generations' `references`).
  'reference',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
export type TemplateTool = 'generate' | EditTool;
const TOOLS: TemplateTool[] = ['generate', 'instruct', 'inpaint', 'upscale', 'removeBackground'];

/** The slots a workflow for a tool must have for Atelier to drive it. */
const REQUIRED: Record<TemplateTool, SlotName[]> = {
  generate: ['prompt'], instruct: ['prompt', 'image'], inpaint: ['prompt', 'image', 'mask'], upscale: ['image'], removeBackground: ['image'],
};

export interface WorkflowTemplate {
  name: string;
  tool: TemplateTool;
  graph: ApiWorkflow;
  /** Which node input each named value goes to. */
  slots: Partial<Record<SlotName, readonly [string, string]>>;
  /** The id of the node whose images are the result (a SaveImage). */
  output: string;
}

export class WorkflowError extends Error {}

/** The workflows this engine runs: per tool the one a request that names none gets, and the others offered by name. */
export class Workflows {
  constructor(private readonly defaults: Map<TemplateTool, WorkflowTemplate>, readonly all: readonly WorkflowTemplate[]) {}

  defaultFor(tool: TemplateTool): WorkflowTemplate | undefined {
    return this.defaults.get(tool);
  }

  isDefault(t: WorkflowTemplate): boolean {
    return this.defaults.get(t.tool) === t;
  }

  named(name: string): WorkflowTemplate | undefined {
    return this.all.find((t) => t.name === name);
  }
}

interface OperatorWorkflow {
  template: WorkflowTemplate;
  file: string;
  /** true/false as the slot map says; absent: it replaces the shipped workflow when it is the only one for its tool. */
  replaces?: boolean;
}

/**
 * The shipped templates and an operator's folder of API-format files (`name.json`, exported with "Save (API
 * Format)") each beside its slot map (`name.slots.json`: `{"tool": "inpaint", "output": "9", "slots": {"prompt":
 * ["6", "text"], ...}}`, optionally `"name"` (default: the file's) and `"default"`). An operator's workflow replaces
 * the shipped one for its tool; with several for a tool, all but one say `"default": false` and are offered by name.
 * A broken file, two workflows with one name or two defaults for a tool stop the start.
 */
export function loadWorkflows(dir: string | undefined): Workflows {
  const defaults = new Map<TemplateTool, WorkflowTemplate>(SHIPPED_TEMPLATES.map((t) => [t.tool, t]));
  if (!dir) return new Workflows(defaults, SHIPPED_TEMPLATES);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.slots.json')).sort();
  const theirs = files.map((file) => readTemplate(dir, file));
  for (const tool of TOOLS) {
    const replacing = theirs.filter((w) => w.template.tool === tool && w.replaces !== false);
    if (replacing.length > 1) {
      throw new WorkflowError(`ComfyUI workflows ${replacing.map((w) => w.file).join(' and ')} all replace the shipped ${tool} workflow: ` +
        'give all but one "default": false in their slot maps to offer them by name.');
    }
    if (replacing[0]) defaults.set(tool, replacing[0].template);
  }
  const all = [...new Set([...defaults.values(), ...theirs.map((w) => w.template)])];
  const where = (t: WorkflowTemplate) => theirs.find((w) => w.template === t)?.file ?? `Atelier's ${t.tool} workflow`;
  for (const [i, t] of all.entries()) {
    const twin = all.slice(0, i).find((o) => o.name === t.name);
    if (twin) throw new WorkflowError(`ComfyUI workflows ${where(twin)} and ${where(t)} are both named "${t.name}": give each its own "name".`);
  }
  return new Workflows(defaults, all);
}

function readTemplate(dir: string, file: string): OperatorWorkflow {
  const base = file.slice(0, -'.json'.length);
  const mapFile = `${base}.slots.json`;
  const read = (f: string) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
    } catch (err) {
      throw new WorkflowError(`ComfyUI workflow ${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (err as Error).message}`);
    }
  };
  const graph = read(file) as ApiWorkflow;
  const map = read(mapFile) as { tool?: unknown; output?: unknown; slots?: Record<string, unknown>; name?: unknown; default?: unknown };
  const problem = (text: string) => new WorkflowError(`ComfyUI workflow ${mapFile}: ${text}`);
  if (map.name !== undefined && (typeof map.name !== 'string' || !/^\S(.{0,78}\S)?$/.test(map.name))) throw problem('"name" must be text of 1 to 80 characters');
  if (map.default !== undefined && typeof map.default !== 'boolean') throw problem('"default" must be true or false');
  const name = (map.name as string | undefined) ?? base;
  const template = { name, tool: map.tool as TemplateTool, graph, output: String(map.output), slots: (map.slots ?? {}) as WorkflowTemplate['slots'] };
  checkTemplate(template, mapFile);
  return { template, file: mapFile, replaces: map.default as boolean | undefined };
}

export function checkTemplate(t: WorkflowTemplate, where: string): void {
  const problem = (text: string) => new WorkflowError(`ComfyUI workflow ${where}: ${text}`);
  if (!TOOLS.includes(t.tool)) throw problem(`"tool" must be one of ${TOOLS.join(', ')}`);
  if (!t.graph || typeof t.graph !== 'object' || Object.values(t.graph).some((n) => typeof n?.class_type !== 'string')) {
    throw problem('the workflow is not in API format (export it with "Save (API Format)")');
  }
  if (!t.graph[t.output]) throw problem(`"output" names node ${t.output}, which the workflow does not have`);
  for (const [slot, target] of Object.entries(t.slots)) {
    if (!SLOT_NAMES.includes(slot as SlotName)) throw problem(`unknown slot "${slot}" (slots: ${SLOT_NAMES.join(', ')})`);
    if (!Array.isArray(target) || !t.graph[target[0]]) throw problem(`slot "${slot}" must name an existing node and input: ["<node id>", "<input>"]`);
  }
  const missing = REQUIRED[t.tool].filter((s) => !t.slots[s]);
  if (missing.length) throw problem(`a ${t.tool} workflow needs the slots ${missing.join(', ')}`);
}

/** The node classes a workflow uses: it can run only where ComfyUI has all of them. */
export const classesOf = (t: WorkflowTemplate) => [...new Set(Object.values(t.graph).map((n) => n.class_type))];

/** A copy of the workflow with the given values in their slots; slots without a value keep the workflow's own. */
export function fillWorkflow(t: WorkflowTemplate, values: Partial<Record<SlotName, unknown>>): ApiWorkflow {
  const graph = structuredClone(t.graph);
  for (const [slot, value] of Object.entries(values)) {
    const target = t.slots[slot as SlotName];
    if (target && value !== undefined) graph[target[0]]!.inputs[target[1]] = value;
  }
  return graph;
}
