import type { SeedreamFamily } from '../engine-config.js';
import { EngineRequestError, type EngineRequestCheck } from '../engine.js';
import { ratioText, type InputRules } from '../provider/references.js';

/** What one Seedream model accepts (spec: ../shared/spec/seedream-api.md, "Seedream 4.0 / 4.5"). */
export interface SeedreamRules {
  family: SeedreamFamily;
  presets: string[];
  defaultSize: string;
  minPixels: number;
  maxPixels: number;
  /** Aspect ratio range (width/height) of outputs and inputs. */
  maxRatio: number;
  maxReferences: number;
  /** Input images + outputs of a set. */
  maxSetTotal: number;
  /** 4.x: seed is documented for 3.0 only, so it is never sent. */
  acceptsSeed: boolean;
  input: InputRules;
}

const INPUT: InputRules = { maxBytes: 10 * 1024 * 1024, minSideExclusive: 14, formats: ['image/jpeg', 'image/png'] };

export const SEEDREAM_RULES: Record<SeedreamFamily, SeedreamRules> = {
  '4.0': {
    family: '4.0', presets: ['1K', '2K', '4K'], defaultSize: '2K', minPixels: 921_600, maxPixels: 16_777_216, maxRatio: 16,
    maxReferences: 10, maxSetTotal: 15, acceptsSeed: false, input: INPUT,
  },
  '4.5': {
    family: '4.5', presets: ['2K', '4K'], defaultSize: '2K', minPixels: 3_686_400, maxPixels: 16_777_216, maxRatio: 16,
    // The model takes 14 references; Atelier's API takes at most 10.
    maxReferences: 10, maxSetTotal: 15, acceptsSeed: false, input: INPUT,
  },
};

/** Longest side any allowed size can have: the most pixels at the widest ratio. */
export const maxSideOf = (r: SeedreamRules) => Math.floor(Math.sqrt(r.maxPixels * r.maxRatio));

export const isPreset = (size: string | undefined) => size !== undefined && /^[124]K$/i.test(size.trim());

/** Refuses, before any call, what the model would refuse: shapes outside its ratio range (pixel bounds are in the capabilities). */
export function checkSeedreamRequest(rules: SeedreamRules, req: EngineRequestCheck): void {
  if (req.mode === 'generate' && !isPreset(req.size) && !withinRatio(req.width, req.height, rules.maxRatio)) {
    throw new EngineRequestError('size',
      `Seedream makes images between 1:${rules.maxRatio} and ${rules.maxRatio}:1; ${req.width}x${req.height} is ${ratioText(req.width, req.height)}.`);
  }
  req.images.forEach((img, i) => {
    if (!withinRatio(img.width, img.height, rules.maxRatio)) {
      const which = req.mode === 'edit' ? 'The image to edit' : `Reference image ${i + 1}`;
      throw new EngineRequestError(req.mode === 'edit' ? 'assetId' : 'references',
        `${which} is ${img.width}x${img.height} (${ratioText(img.width, img.height)}); Seedream accepts images between 1:${rules.maxRatio} and ${rules.maxRatio}:1. Crop it first.`);
    }
  });
}

function withinRatio(width: number, height: number, maxRatio: number): boolean {
  const ratio = width / height;
  return ratio <= maxRatio && ratio >= 1 / maxRatio;
}

/**
 * Output size of an edit: the source's shape scaled into the model's pixel range (multiples of 8), so a small
 * upload can be edited by a model whose minimum is a megapixel or more.
 */
export function editSize(rules: SeedreamRules, width: number, height: number): string {
  const pixels = width * height;
  const target = Math.min(Math.max(pixels, rules.minPixels), rules.maxPixels);
  const scale = Math.sqrt(target / pixels);
  let w = Math.round((width * scale) / 8) * 8;
  let h = Math.round((height * scale) / 8) * 8;
  if (w * h < rules.minPixels) {
    w = Math.ceil((width * scale) / 8) * 8;
    h = Math.ceil((height * scale) / 8) * 8;
  }
  if (w * h > rules.maxPixels) {
    w = Math.floor((width * scale) / 8) * 8;
    h = Math.floor((height * scale) / 8) * 8;
  }
  return `${w}x${h}`;
}
