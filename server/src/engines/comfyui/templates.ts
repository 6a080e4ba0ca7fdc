import type { WorkflowTemplate, ApiWorkflow } from './workflows.js';

/**
 * The workflows Atelier ships, in ComfyUI's API format, built from core nodes (background removal uses the WAS Node
 * Suite's rembg node). Each names the inputs Atelier fills (its slots); an operator's own file for the same tool
 * replaces one. Node ids follow ComfyUI's default text-to-image graph.
 */

/** Checkpoint, prompts, sampler, decode and save around a latent made by `latent` (node "5"). */
function diffusion(latent: ApiWorkflow, denoise: number): ApiWorkflow {
  return {
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'model.safetensors' } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] } },
    ...latent,
    '3': {
      class_type: 'KSampler',
      inputs: { seed: 0, steps: 20, cfg: 7, sampler_name: 'euler', scheduler: 'normal', denoise, model: ['4', 0],
        positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] },
    },
    '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
    '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'atelier', images: ['8', 0] } },
  };
}

const DIFFUSION_SLOTS = {
  checkpoint: ['4', 'ckpt_name'], prompt: ['6', 'text'], negativePrompt: ['7', 'text'], seed: ['3', 'seed'], steps: ['3', 'steps'],
  guidance: ['3', 'cfg'], sampler: ['3', 'sampler_name'], prefix: ['9', 'filename_prefix'],
} as const;

const loadImage = (id: string) => ({ [id]: { class_type: 'LoadImage', inputs: { image: 'input.png' } } });

export const SHIPPED_TEMPLATES: WorkflowTemplate[] = [
  {
    name: 'text-to-image',
    tool: 'generate',
    output: '9',
    graph: diffusion({ '5': { class_type: 'EmptyLatentImage', inputs: { width: 1024, height: 1024, batch_size: 1 } } }, 1),
    slots: { ...DIFFUSION_SLOTS, width: ['5', 'width'], height: ['5', 'height'], count: ['5', 'batch_size'] },
  },
  {
    // Edits an image by instruction, and makes a set from a reference image: the loaded image is brought to the
    // size asked for (an edit keeps its own) and its latent repeated for the set.
    name: 'image-to-image',
    tool: 'instruct',
    output: '9',
    graph: diffusion({
      ...loadImage('10'),
      '12': { class_type: 'ImageScale', inputs: { upscale_method: 'lanczos', width: 1024, height: 1024, crop: 'center', image: ['10', 0] } },
      '13': { class_type: 'VAEEncode', inputs: { pixels: ['12', 0], vae: ['4', 2] } },
      '5': { class_type: 'RepeatLatentBatch', inputs: { samples: ['13', 0], amount: 1 } },
    }, 0.6),
    slots: { ...DIFFUSION_SLOTS, image: ['10', 'image'], reference: ['10', 'image'], width: ['12', 'width'], height: ['12', 'height'], count: ['5', 'amount'] },
  },
  {
    name: 'inpaint',
    tool: 'inpaint',
    output: '9',
    graph: diffusion({
      ...loadImage('10'),
      '11': { class_type: 'LoadImageMask', inputs: { image: 'mask.png', channel: 'red' } },
      '5': { class_type: 'VAEEncodeForInpaint', inputs: { pixels: ['10', 0], vae: ['4', 2], mask: ['11', 0], grow_mask_by: 6 } },
    }, 1),
    slots: { ...DIFFUSION_SLOTS, image: ['10', 'image'], mask: ['11', 'image'] },
  },
  {
    name: 'upscale',
    tool: 'upscale',
    output: '5',
    graph: {
      ...loadImage('1'),
      '2': { class_type: 'UpscaleModelLoader', inputs: { model_name: 'upscaler.pth' } },
      '3': { class_type: 'ImageUpscaleWithModel', inputs: { upscale_model: ['2', 0], image: ['1', 0] } },
      // The model's own factor (often 4×) is brought to the factor asked for.
      '4': { class_type: 'ImageScale', inputs: { upscale_method: 'lanczos', width: 2048, height: 2048, crop: 'disabled', image: ['3', 0] } },
      '5': { class_type: 'SaveImage', inputs: { filename_prefix: 'atelier', images: ['4', 0] } },
    },
    slots: { image: ['1', 'image'], upscaleModel: ['2', 'model_name'], width: ['4', 'width'], height: ['4', 'height'], prefix: ['5', 'filename_prefix'] },
  },
  {
    name: 'remove-background',
    tool: 'removeBackground',
    output: '3',
    graph: {
      ...loadImage('1'),
      '2': {
        class_type: 'Image Rembg (Remove Background)',
        inputs: { images: ['1', 0], transparency: true, model: 'u2net', post_processing: false, only_mask: false, alpha_matting: false,
          alpha_matting_foreground_threshold: 240, alpha_matting_background_threshold: 10, alpha_matting_erode_size: 10, background_color: 'none' },
      },
      '3': { class_type: 'SaveImage', inputs: { filename_prefix: 'atelier', images: ['2', 0] } },
    },
    slots: { image: ['1', 'image'], prefix: ['3', 'filename_prefix'] },
  },
];
