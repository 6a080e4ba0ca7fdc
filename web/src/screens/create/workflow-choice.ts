import type { EngineCapabilities } from '../../api/types';

type NamedWorkflow = NonNullable<EngineCapabilities['workflows']>[number];
export type WorkflowTool = NamedWorkflow['tool'];

/** The engine's workflows for a tool, when it offers a choice (the 'workflow' control); [] otherwise. */
export function workflowChoices(caps: EngineCapabilities | undefined, tool: WorkflowTool): NamedWorkflow[] {
  if (!caps?.controls?.includes('workflow')) return [];
  const of = (caps.workflows ?? []).filter((w) => w.tool === tool);
  return of.length > 1 ? of : [];
}

/** A workflow name the request may carry: one of the choices, else none (the engine's default). */
export const workflowFor = (caps: EngineCapabilities | undefined, tool: WorkflowTool, name: string): string | undefined =>
  name && workflowChoices(caps, tool).some((w) => w.name === name) ? name : undefined;
