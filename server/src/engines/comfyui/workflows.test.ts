import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dir.js';
import { SHIPPED_TEMPLATES } from './templates.js';
import { referenceSlots } from './object-info.js';
import { checkTemplate, fillWorkflow, loadWorkflows } from './workflows.js';

function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}

const graph = { '1': { class_type: 'LoadImage', inputs: { image: 'x.png' } }, '2': { class_type: 'SaveImage', inputs: { images: ['1', 0] } } };

describe('ComfyUI workflow templates', () => {
  it('ship one valid workflow per tool', () => {
    for (const t of SHIPPED_TEMPLATES) expect(() => checkTemplate(t, t.name)).not.toThrow();
    expect(SHIPPED_TEMPLATES.map((t) => t.tool).sort()).toEqual(['generate', 'inpaint', 'instruct', 'removeBackground', 'upscale']);
  });

  it('fill a copy: named slots get the values, the template stays as it was', () => {
    const t2i = SHIPPED_TEMPLATES[0]!;
    const filled = fillWorkflow(t2i, { prompt: 'a boat', width: 640, steps: undefined });
    expect(filled['6']!.inputs.text).toBe('a boat');
    expect(filled['5']!.inputs.width).toBe(640);
    expect(filled['3']!.inputs.steps).toBe(20);
    expect(t2i.graph['6']!.inputs.text).toBe('');
  });

  it('an operator\'s workflow replaces the shipped one for its tool', () => {
    const dir = folder({ 'cutout.json': graph, 'cutout.slots.json': { tool: 'removeBackground', output: '2', slots: { image: ['1', 'image'] } } });
    const loaded = loadWorkflows(dir);
    expect(loaded.get('removeBackground')!.name).toBe('cutout');
    expect(loaded.get('generate')!.name).toBe('text-to-image');
  });

  it('offer a reference only where a usable image-to-image workflow has a reference slot', () => {
    expect(referenceSlots(SHIPPED_TEMPLATES)).toBe(1);
    const theirs = loadWorkflows(folder({ 'i2i.json': graph, 'i2i.slots.json': { tool: 'instruct', output: '2', slots: { prompt: ['1', 'image'], image: ['1', 'image'] } } }));
    expect(referenceSlots([...theirs.values()])).toBe(0);
    expect(referenceSlots(SHIPPED_TEMPLATES.filter((t) => t.tool !== 'instruct'))).toBe(0);
  });

  it('a broken folder stops the start with the file and the reason', () => {
    expect(() => loadWorkflows(folder({ 'a.json': graph }))).toThrow('ComfyUI workflow a.slots.json: missing');
    expect(() => loadWorkflows(folder({ 'a.json': graph, 'a.slots.json': { tool: 'inpaint', output: '2', slots: { image: ['1', 'image'] } } })))
      .toThrow('a inpaint workflow needs the slots prompt, mask');
    expect(() => loadWorkflows(folder({ 'a.json': graph, 'a.slots.json': { tool: 'upscale', output: '9', slots: { image: ['1', 'image'] } } })))
      .toThrow('"output" names node 9');
    expect(() => loadWorkflows(folder({ 'a.json': { nodes: [], links: [] }, 'a.slots.json': { tool: 'upscale', output: '2', slots: {} } })))
      .toThrow('not in API format');
    expect(() => loadWorkflows(folder({ 'a.json': graph, 'a.slots.json': { tool: 'upscale', output: '2', slots: { image: ['1', 'image'], colour: ['1', 'c'] } } })))
      .toThrow('unknown slot "colour"');
  });
});
