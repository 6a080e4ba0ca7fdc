import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Asset, EngineCapabilities } from '../../api/types';
import { I18nProvider } from '../../i18n/i18n';
import { AiToolsPanel } from './AiToolsPanel';
import { EnginePicker } from './EnginePicker';

const engine = (id: string, name: string, over: Partial<EngineCapabilities> = {}): EngineCapabilities => ({
  id, name, description: '', neural: true, modes: ['generate', 'edit'], maxReferences: 0, maxOutputs: 4, sizePresets: [],
  minPixels: 1, maxPixels: 4_000_000, maxSide: 2048, seed: true, styles: [], streaming: false, watermark: false, ...over,
});
const a1111 = engine('a1111', 'Automatic1111', { tools: ['instruct', 'inpaint', 'upscale'], upscaleFactors: [2, 4], model: 'sdxl' });
const comfy = engine('comfyui', 'ComfyUI', { tools: ['instruct', 'removeBackground'] });
const builtin = engine('builtin', 'Built-in');
const asset = { id: 'a1', width: 64, height: 48, urls: { content: '/c', thumbnail: '/t' } } as unknown as Asset;

afterEach(cleanup);

describe('the Edit screen\'s AI tools', () => {
  it('run the chosen engine\'s tools and say why the others are off', () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<I18nProvider locale="en"><AiToolsPanel asset={asset} engines={[builtin, a1111, comfy]} chosen={a1111} busy={false} onSubmit={onSubmit} onError={() => undefined} /></I18nProvider>);
    fireEvent.click(screen.getByRole('button', { name: 'Upscale 4×' }));
    expect(onSubmit).toHaveBeenCalledWith({ assetId: 'a1', engine: 'a1111', tool: 'upscale', scale: 4 });
    const removeBg = screen.getByRole('button', { name: 'Remove background' }) as HTMLButtonElement;
    expect(removeBg.disabled).toBe(true);
    expect(screen.getByText('Remove background: Choose ComfyUI to use this.')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Mask: paint the area to change with the pointer' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Inpaint' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('let the person pick one of the engine\'s workflows for a tool where it has several, in Chinese too', () => {
    const onSubmit = vi.fn(async () => undefined);
    const withWorkflows = engine('comfyui', 'ComfyUI', { tools: ['upscale', 'removeBackground'], upscaleFactors: [2, 4], controls: ['workflow'], workflows: [
      { name: 'upscale', tool: 'upscale', default: true }, { name: 'Sharp 4x', tool: 'upscale', default: false },
    ] });
    render(<I18nProvider locale="zh"><AiToolsPanel asset={asset} engines={[withWorkflows]} chosen={withWorkflows} busy={false} onSubmit={onSubmit} onError={() => undefined} /></I18nProvider>);
    expect(screen.queryByLabelText('去除背景: 工作流')).toBeNull();
    fireEvent.change(screen.getByLabelText('放大: 工作流'), { target: { value: 'Sharp 4x' } });
    fireEvent.click(screen.getByRole('button', { name: '放大 2×' }));
    expect(onSubmit).toHaveBeenCalledWith({ assetId: 'a1', engine: 'comfyui', tool: 'upscale', scale: 2, workflow: 'Sharp 4x' });
  });

  it('show inpainting and upscaling as unavailable when no engine offers them', () => {
    render(<I18nProvider locale="en"><AiToolsPanel asset={asset} engines={[builtin]} chosen={builtin} busy={false} onSubmit={vi.fn()} onError={() => undefined} /></I18nProvider>);
    expect(screen.getAllByText(/No engine on this server offers this\./)).toHaveLength(3);
    expect((screen.getByRole('button', { name: 'Upscale 2×' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('list every engine that edits with what it can do and its size limit, in Chinese too', () => {
    const onChoose = vi.fn();
    render(<I18nProvider locale="zh"><EnginePicker engines={[builtin, a1111]} chosen="a1111" onChoose={onChoose} /></I18nProvider>);
    expect(screen.getByText('可用：按指令编辑, 局部重绘, 放大。图片每边最多 2048 像素。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('引擎'), { target: { value: 'builtin' } });
    expect(onChoose).toHaveBeenCalledWith('builtin');
  });
});
