import type { EngineCapabilities } from '../../api/types';

/** Engine descriptions shaped like GET /api/v1/engines answers, for the Create screen's component tests. */
export const builtinCaps: EngineCapabilities = {
  id: 'builtin',
  name: 'Atelier built-in (procedural)',
  description: 'Procedural renderer that works offline — not an AI model.',
  neural: false,
  modes: ['generate', 'edit'],
  maxReferences: 10,
  maxOutputs: 15,
  sizePresets: ['1K', '2K', '4K'],
  minPixels: 4096,
  maxPixels: 16_777_216,
  maxSide: 4096,
  seed: true,
  styles: ['watercolor', 'flat', 'neon'],
  streaming: true,
  watermark: true,
};

/** A plainer engine: explicit sizes only, no seed, no styles, no watermark, few outputs and references. */
export const plainCaps: EngineCapabilities = {
  id: 'plain',
  name: 'Plain model',
  description: 'A neural model with fewer options.',
  neural: true,
  modes: ['generate'],
  maxReferences: 2,
  maxOutputs: 4,
  sizePresets: [],
  minPixels: 262_144,
  maxPixels: 4_194_304,
  maxSide: 2048,
  seed: false,
  styles: [],
  streaming: false,
  watermark: false,
};
