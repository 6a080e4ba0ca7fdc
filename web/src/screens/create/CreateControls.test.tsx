import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { CreateControls } from './CreateControls';
import { emptyForm, fitToEngine, toRequest, type CreateForm } from './form-state';
import { builtinCaps, plainCaps } from './test-engines';
import type { EngineCapabilities } from '../../api/types';

function Harness({ caps, initial }: { caps: EngineCapabilities; initial?: Partial<CreateForm> }) {
  const [form, setForm] = useState<CreateForm>(() => fitToEngine({ ...emptyForm(), ...initial }, caps).form);
  return (
    <>
      <CreateControls form={form} caps={caps} onChange={(p) => setForm((f) => ({ ...f, ...p }))} />
      <output data-testid="request">{JSON.stringify(toRequest({ ...form, prompt: 'x' }, caps))}</output>
    </>
  );
}

const request = () => JSON.parse(screen.getByTestId('request').textContent!);

afterEach(cleanup);

describe('the capability-driven Create form', () => {
  it('offers presets, aspect ratios, seed with dice, styles and watermark when the engine supports them', () => {
    render(<Harness caps={builtinCaps} />);
    expect((screen.getByLabelText('Resolution') as HTMLSelectElement).options).toHaveLength(3);
    expect(screen.getByLabelText('Aspect ratio')).toBeTruthy();
    expect(screen.getByLabelText('Seed')).toBeTruthy();
    const styles = screen.getByRole('radiogroup', { name: 'Style' });
    expect(within(styles).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['', 'watercolor', 'flat', 'neon']);
    expect((within(styles).getByRole('radio', { name: 'Automatic' }) as HTMLInputElement).checked).toBe(true);
    expect(styles.querySelector('img[src="/api/v1/styles/neon/preview"]')).toBeTruthy();
    expect(screen.getByLabelText('Add a visible watermark')).toBeTruthy();
    expect(screen.getByLabelText('Images in the set').getAttribute('max')).toBe('15');

    fireEvent.click(screen.getByRole('button', { name: 'Pick a random seed' }));
    const seed = (screen.getByLabelText('Seed') as HTMLInputElement).value;
    expect(seed).toMatch(/^\d+$/);
    fireEvent.change(screen.getByLabelText('Aspect ratio'), { target: { value: '16:9' } });
    fireEvent.click(within(styles).getByRole('radio', { name: 'Neon' }));
    expect((within(styles).getByRole('radio', { name: 'Neon' }) as HTMLInputElement).checked).toBe(true);
    expect(request()).toMatchObject({ engine: 'builtin', size: '1K', aspectRatio: '16:9', seed: Number(seed), style: 'neon', watermark: false });
  });

  it('hides seed, styles, watermark and presets for an engine without them and asks for width × height', () => {
    render(<Harness caps={plainCaps} />);
    expect(screen.queryByLabelText('Seed')).toBeNull();
    expect(screen.queryByRole('radiogroup', { name: 'Style' })).toBeNull();
    expect(screen.queryByLabelText('Add a visible watermark')).toBeNull();
    expect(screen.queryByLabelText('Resolution')).toBeNull();
    expect(screen.getByLabelText('Width (px)')).toBeTruthy();
    expect(screen.getByLabelText('Images in the set').getAttribute('max')).toBe('4');
    const body = request();
    expect(body.size).toBe('1024x1024');
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('watermark');
  });

  it('clamps the set size and an explicit size to the engine bounds', () => {
    render(<Harness caps={plainCaps} />);
    fireEvent.change(screen.getByLabelText('Images in the set'), { target: { value: '12' } });
    expect((screen.getByLabelText('Images in the set') as HTMLInputElement).value).toBe('4');
    fireEvent.change(screen.getByLabelText('Width (px)'), { target: { value: '8000' } });
    fireEvent.blur(screen.getByLabelText('Width (px)'));
    const { size } = request();
    const [w, h] = size.split('x').map(Number);
    expect(w).toBeLessThanOrEqual(2048);
    expect(w * h).toBeLessThanOrEqual(plainCaps.maxPixels);
    expect(w * h).toBeGreaterThanOrEqual(plainCaps.minPixels);
  });

  it('moving to a plainer engine clamps the set, clears the style and seed, and drops references past its maximum', () => {
    const start: CreateForm = {
      ...emptyForm('builtin', true),
      count: 12,
      seed: '42',
      style: 'neon',
      references: ['a', 'b', 'c'].map((id) => ({ id, thumbnail: `/t/${id}` })),
    };
    const { form, droppedReferences } = fitToEngine(start, plainCaps);
    expect(form).toMatchObject({ engineId: 'plain', count: 4, seed: '', style: '', watermark: false, sizeMode: 'custom' });
    expect(form.references.map((r) => r.id)).toEqual(['a', 'b']);
    expect(droppedReferences).toBe(1);
  });

  it('shows negative prompt, steps, guidance and sampler only for an engine that takes them, and sends what is filled in', () => {
    const diffusion: EngineCapabilities = { ...plainCaps, id: 'a1111', controls: ['negativePrompt', 'steps', 'guidance', 'sampler'], samplers: ['Euler a', 'DPM++ 2M'] };
    render(<Harness caps={builtinCaps} />);
    expect(screen.queryByLabelText('Negative prompt')).toBeNull();
    expect(screen.queryByLabelText('Sampler')).toBeNull();
    cleanup();
    render(<Harness caps={diffusion} />);
    fireEvent.change(screen.getByLabelText('Negative prompt'), { target: { value: ' blurry ' } });
    fireEvent.change(screen.getByLabelText('Steps'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Guidance (CFG)'), { target: { value: '99' } });
    fireEvent.change(screen.getByLabelText('Sampler'), { target: { value: 'DPM++ 2M' } });
    expect(request()).toMatchObject({ negativePrompt: 'blurry', steps: 30, sampler: 'DPM++ 2M' });
    expect(request().guidance).toBeUndefined();
  });

  it('offers the engine\'s own workflows by name where it has several, and sends the one chosen', () => {
    const comfy: EngineCapabilities = { ...plainCaps, id: 'comfyui', controls: ['steps', 'workflow'], workflows: [
      { name: 'text-to-image', tool: 'generate', default: true }, { name: 'Quick draft', tool: 'generate', default: false },
      { name: 'Soft edges', tool: 'inpaint', default: false },
    ] };
    render(<Harness caps={comfy} />);
    const select = screen.getByLabelText('Workflow') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Default (text-to-image)', 'Quick draft']);
    expect(request().workflow).toBeUndefined();
    fireEvent.change(select, { target: { value: 'Quick draft' } });
    expect(request()).toMatchObject({ workflow: 'Quick draft' });
    cleanup();
    render(<Harness caps={{ ...comfy, workflows: comfy.workflows!.slice(0, 1) }} initial={{ workflow: 'Quick draft' }} />);
    expect(screen.queryByLabelText('Workflow')).toBeNull();
    expect(request().workflow).toBeUndefined();
  });
});
