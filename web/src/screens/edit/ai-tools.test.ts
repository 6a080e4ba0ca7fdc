import { describe, expect, it } from 'vitest';
import type { EngineCapabilities } from '../../api/types';
import { editEngines, toolState, toolsOf } from './ai-tools';

const engine = (id: string, over: Partial<EngineCapabilities> = {}): EngineCapabilities => ({
  id, name: id.toUpperCase(), description: '', neural: true, modes: ['generate', 'edit'], maxReferences: 0, maxOutputs: 4,
  sizePresets: [], minPixels: 1, maxPixels: 4_000_000, maxSide: 2048, seed: true, styles: [], streaming: false, watermark: false, ...over,
});

describe('AI tools of the Edit screen', () => {
  const builtin = engine('builtin');
  const comfy = engine('comfyui', { tools: ['instruct', 'inpaint', 'upscale', 'removeBackground'] });
  const a1111 = engine('a1111', { tools: ['instruct', 'inpaint', 'upscale'] });
  const gen = engine('gen', { modes: ['generate'] });

  it('lists the engines that edit, the default first', () => {
    expect(editEngines([comfy, gen, builtin], 'builtin').map((e) => e.id)).toEqual(['builtin', 'comfyui']);
  });

  it('reads an engine without a tool list as instruction editing only', () => {
    expect(toolsOf(builtin)).toEqual(['instruct']);
    expect(toolsOf(gen)).toEqual([]);
  });

  it('enables a tool the chosen engine has; otherwise names the engines that have it, or says none does', () => {
    expect(toolState('upscale', a1111, [builtin, a1111, comfy])).toEqual({ enabled: true });
    expect(toolState('removeBackground', a1111, [builtin, a1111, comfy])).toEqual({ enabled: false, reason: 'otherEngines', engines: 'COMFYUI' });
    expect(toolState('removeBackground', a1111, [builtin, a1111])).toEqual({ enabled: false, reason: 'noEngine' });
  });
});
