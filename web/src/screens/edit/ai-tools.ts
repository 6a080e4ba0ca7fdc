import type { EngineCapabilities } from '../../api/types';

/** The AI tools of the Edit screen, as the server names them. */
export type AiTool = 'instruct' | 'inpaint' | 'upscale' | 'removeBackground';
export const AI_TOOLS: AiTool[] = ['instruct', 'inpaint', 'upscale', 'removeBackground'];

/** An engine's edit tools: what it lists, or instruction editing for an engine that edits and lists none. */
export const toolsOf = (caps: EngineCapabilities): AiTool[] => caps.tools ?? (caps.modes.includes('edit') ? ['instruct'] : []);

/** The engines that edit, the default one first when it edits. */
export function editEngines(items: EngineCapabilities[], defaultId: string): EngineCapabilities[] {
  const editing = items.filter((e) => e.modes.includes('edit'));
  return [...editing.filter((e) => e.id === defaultId), ...editing.filter((e) => e.id !== defaultId)];
}

/** Whether a tool can be used with the chosen engine; if not, why: no engine has it, or others do. */
export type ToolState = { enabled: true } | { enabled: false; reason: 'noEngine' } | { enabled: false; reason: 'otherEngines'; engines: string };

export function toolState(tool: AiTool, chosen: EngineCapabilities | undefined, engines: EngineCapabilities[]): ToolState {
  if (chosen && toolsOf(chosen).includes(tool)) return { enabled: true };
  const others = engines.filter((e) => toolsOf(e).includes(tool)).map((e) => e.name);
  return others.length ? { enabled: false, reason: 'otherEngines', engines: others.join(', ') } : { enabled: false, reason: 'noEngine' };
}
