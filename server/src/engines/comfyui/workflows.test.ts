import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dir.js';
import { SHIPPED_TEMPLATES } from './templates.js';
import { capabilitiesFrom, referenceSlots, type ObjectInfo } from './object-info.js';
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
    expect(loaded.defaultFor('removeBackground')!.name).toBe('cutout');
    expect(loaded.defaultFor('generate')!.name).toBe('text-to-image');
    expect(loaded.all.map((t) => t.name)).not.toContain('remove-background');
  });

  it('an operator may add several workflows for a tool: one replaces the shipped one, the others are offered by name', () => {
    const inpaint = { tool: 'inpaint', output: '2', slots: { prompt: ['1', 'image'], image: ['1', 'image'], mask: ['1', 'image'] } };
    const loaded = loadWorkflows(folder({
      'a.json': graph, 'a.slots.json': inpaint,
      'b.json': graph, 'b.slots.json': { ...inpaint, name: 'Soft edges', default: false },
      'c.json': graph, 'c.slots.json': { tool: 'upscale', output: '2', slots: { image: ['1', 'image'] }, name: 'Sharp 4x', default: false },
    }));
    expect(loaded.defaultFor('inpaint')!.name).toBe('a');
    expect(loaded.named('Soft edges')!.tool).toBe('inpaint');
    // Their extra upscaler sits beside the shipped one, which stays the default.
    expect(loaded.defaultFor('upscale')!.name).toBe('upscale');
    expect(loaded.named('Sharp 4x')).toMatchObject({ tool: 'upscale' });
    expect(loaded.all.map((t) => t.name).sort()).toEqual(['Sharp 4x', 'Soft edges', 'a', 'image-to-image', 'remove-background', 'text-to-image', 'upscale']);
  });

  it('two workflows claiming one name, or both replacing the shipped one, stop the start with the files named', () => {
    const upscale = { tool: 'upscale', output: '2', slots: { image: ['1', 'image'] } };
    expect(() => loadWorkflows(folder({
      'a.json': graph, 'a.slots.json': { ...upscale, name: 'Sharp', default: false },
      'b.json': graph, 'b.slots.json': { ...upscale, name: 'Sharp', default: false },
    }))).toThrow('ComfyUI workflows a.slots.json and b.slots.json are both named "Sharp": give each its own "name".');
    expect(() => loadWorkflows(folder({ 'a.json': graph, 'a.slots.json': { ...upscale, name: 'upscale', default: false } })))
      .toThrow('ComfyUI workflows Atelier\'s upscale workflow and a.slots.json are both named "upscale"');
    expect(() => loadWorkflows(folder({ 'a.json': graph, 'a.slots.json': upscale, 'b.json': graph, 'b.slots.json': { ...upscale, default: true } })))
      .toThrow('ComfyUI workflows a.slots.json and b.slots.json all replace the shipped upscale workflow: give all but one "default": false');
    expect(() => loadWorkflows(folder({ 'a.json': graph, 'a.slots.json': { ...upscale, default: 'yes' } }))).toThrow('"default" must be true or false');
  });

  it('offer a reference only where a usable image-to-image workflow has a reference slot', () => {
    expect(referenceSlots(SHIPPED_TEMPLATES)).toBe(1);
    const theirs = loadWorkflows(folder({ 'i2i.json': graph, 'i2i.slots.json': { tool: 'instruct', output: '2', slots: { prompt: ['1', 'image'], image: ['1', 'image'] } } }));
    expect(referenceSlots([theirs.defaultFor('instruct')!])).toBe(0);
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

  it('upscale with the configured model; a name ComfyUI lacks turns the upscale workflow off and says why', () => {
    const info: ObjectInfo = Object.fromEntries(SHIPPED_TEMPLATES.flatMap((t) => Object.values(t.graph).map((n) => [n.class_type, {}])));
    info.CheckpointLoaderSimple = { input: { required: { ckpt_name: [['sdxl.safetensors']] } } };
    info.UpscaleModelLoader = { input: { required: { model_name: [['RealESRGAN_x4plus.pth', '4x-UltraSharp.pth']] } } };
    const shipped = loadWorkflows(undefined);
    expect(capabilitiesFrom(info, shipped)).toMatchObject({ upscaler: 'RealESRGAN_x4plus.pth', tools: expect.arrayContaining(['upscale']) });
    expect(capabilitiesFrom(info, shipped, '4x-UltraSharp.pth').upscaler).toBe('4x-UltraSharp.pth');
    const missing = capabilitiesFrom(info, shipped, 'x.pth');
    expect(missing.tools).not.toContain('upscale');
    expect(missing.problem).toBe('ATELIER_COMFYUI_UPSCALE_MODEL="x.pth" is not an upscaler model of this ComfyUI ' +
      '(it has: RealESRGAN_x4plus.pth, 4x-UltraSharp.pth); the upscale tool is off until it names one.');
  });
});
