/**
 * Builds the colour palette of a set from the prompt's theme and colour words, the seed,
 * and (optionally) the dominant colours of reference images.
 */
import { clamp01, hsl, hueDelta, mixHsl, rgbToHsl, wrapHue, type Hsl, type Rgb } from './color.js';
import { THEME_CATEGORY, type PromptInfo, type ThemeId } from './prompt.js';
import type { Rng } from './rng.js';

export interface Palette {
  /** Sky from zenith to horizon. */
  sky: [Hsl, Hsl, Hsl];
  sun: Hsl;
  glow: Hsl;
  /** Distant land and fog: land colours fade toward this with distance. */
  haze: Hsl;
  /** The nearest land colour. */
  land: Hsl;
  water: Hsl;
  accent: Hsl;
  accent2: Hsl;
  /** Highlights, clouds. */
  light: Hsl;
  /** Darkest tone: silhouettes and lines. */
  ink: Hsl;
  night: boolean;
}

type Triple = [number, number, number];

interface Recipe {
  sky: [Triple, Triple, Triple];
  sun: Triple;
  glow: Triple;
  haze: Triple;
  land: Triple;
  water: Triple;
  accent: Triple;
  accent2: Triple;
  light: Triple;
  ink: Triple;
  night?: boolean;
}

const RECIPES: Readonly<Record<ThemeId, Recipe>> = {
  sunset: {
    sky: [[252, 0.45, 0.3], [332, 0.55, 0.58], [28, 0.92, 0.66]],
    sun: [46, 1, 0.88], glow: [30, 1, 0.66], haze: [318, 0.32, 0.56], land: [265, 0.38, 0.17],
    water: [285, 0.35, 0.36], accent: [15, 0.85, 0.6], accent2: [45, 0.9, 0.65], light: [28, 0.9, 0.86], ink: [262, 0.45, 0.09],
  },
  dawn: {
    sky: [[212, 0.45, 0.64], [335, 0.45, 0.79], [36, 0.82, 0.83]],
    sun: [46, 1, 0.93], glow: [34, 1, 0.8], haze: [300, 0.2, 0.73], land: [232, 0.25, 0.34],
    water: [210, 0.35, 0.62], accent: [340, 0.7, 0.7], accent2: [45, 0.8, 0.7], light: [30, 0.7, 0.95], ink: [235, 0.3, 0.2],
  },
  day: {
    sky: [[212, 0.7, 0.52], [206, 0.65, 0.69], [195, 0.55, 0.86]],
    sun: [52, 1, 0.93], glow: [50, 1, 0.86], haze: [200, 0.3, 0.74], land: [108, 0.45, 0.33],
    water: [200, 0.62, 0.43], accent: [2, 0.8, 0.6], accent2: [50, 0.95, 0.6], light: [0, 0, 0.98], ink: [150, 0.4, 0.12],
  },
  night: {
    sky: [[232, 0.55, 0.07], [226, 0.5, 0.15], [214, 0.45, 0.29]],
    sun: [50, 0.45, 0.92], glow: [210, 0.5, 0.72], haze: [222, 0.3, 0.3], land: [232, 0.35, 0.1],
    water: [220, 0.45, 0.19], accent: [44, 0.95, 0.65], accent2: [190, 0.8, 0.62], light: [210, 0.3, 0.86], ink: [235, 0.45, 0.05],
    night: true,
  },
  ocean: {
    sky: [[206, 0.66, 0.46], [196, 0.56, 0.66], [186, 0.45, 0.83]],
    sun: [50, 1, 0.9], glow: [45, 0.9, 0.82], haze: [196, 0.3, 0.7], land: [202, 0.35, 0.3],
    water: [201, 0.72, 0.36], accent: [176, 0.7, 0.55], accent2: [14, 0.8, 0.66], light: [190, 0.3, 0.97], ink: [216, 0.6, 0.12],
  },
  forest: {
    sky: [[165, 0.25, 0.56], [120, 0.2, 0.73], [70, 0.38, 0.83]],
    sun: [55, 0.9, 0.9], glow: [60, 0.8, 0.8], haze: [140, 0.2, 0.62], land: [142, 0.45, 0.18],
    water: [170, 0.35, 0.35], accent: [40, 0.85, 0.6], accent2: [350, 0.6, 0.62], light: [90, 0.4, 0.93], ink: [150, 0.5, 0.08],
  },
  neon: {
    sky: [[266, 0.72, 0.08], [290, 0.75, 0.2], [322, 0.88, 0.46]],
    sun: [45, 1, 0.62], glow: [322, 1, 0.6], haze: [300, 0.6, 0.3], land: [262, 0.6, 0.08],
    water: [272, 0.6, 0.15], accent: [186, 1, 0.56], accent2: [322, 1, 0.6], light: [186, 1, 0.76], ink: [260, 0.7, 0.04],
    night: true,
  },
  calm: {
    sky: [[206, 0.36, 0.7], [212, 0.3, 0.8], [30, 0.38, 0.88]],
    sun: [40, 0.7, 0.93], glow: [35, 0.6, 0.86], haze: [210, 0.16, 0.78], land: [202, 0.22, 0.5],
    water: [205, 0.3, 0.66], accent: [180, 0.35, 0.65], accent2: [20, 0.45, 0.75], light: [0, 0, 0.97], ink: [215, 0.25, 0.3],
  },
  gloomy: {
    sky: [[216, 0.15, 0.28], [210, 0.12, 0.42], [200, 0.1, 0.58]],
    sun: [50, 0.2, 0.8], glow: [200, 0.1, 0.6], haze: [210, 0.1, 0.46], land: [220, 0.15, 0.15],
    water: [210, 0.15, 0.3], accent: [40, 0.5, 0.55], accent2: [0, 0.3, 0.45], light: [210, 0.08, 0.72], ink: [220, 0.2, 0.06],
  },
  golden: {
    sky: [[34, 0.6, 0.56], [40, 0.86, 0.68], [48, 0.95, 0.8]],
    sun: [50, 1, 0.93], glow: [42, 1, 0.72], haze: [34, 0.45, 0.66], land: [24, 0.52, 0.24],
    water: [35, 0.5, 0.45], accent: [14, 0.8, 0.5], accent2: [50, 0.9, 0.6], light: [48, 0.9, 0.9], ink: [20, 0.5, 0.1],
  },
  autumn: {
    sky: [[24, 0.45, 0.56], [34, 0.6, 0.72], [45, 0.72, 0.85]],
    sun: [40, 1, 0.86], glow: [30, 0.9, 0.7], haze: [24, 0.35, 0.6], land: [14, 0.62, 0.26],
    water: [200, 0.25, 0.45], accent: [5, 0.8, 0.48], accent2: [38, 0.95, 0.55], light: [40, 0.6, 0.92], ink: [15, 0.5, 0.1],
  },
  winter: {
    sky: [[210, 0.36, 0.6], [205, 0.3, 0.78], [200, 0.25, 0.92]],
    sun: [45, 0.4, 0.96], glow: [200, 0.5, 0.9], haze: [205, 0.2, 0.85], land: [215, 0.25, 0.62],
    water: [205, 0.35, 0.55], accent: [0, 0.7, 0.5], accent2: [190, 0.5, 0.7], light: [0, 0, 1], ink: [220, 0.35, 0.2],
  },
  spring: {
    sky: [[196, 0.55, 0.7], [186, 0.45, 0.82], [90, 0.45, 0.88]],
    sun: [55, 1, 0.92], glow: [55, 0.8, 0.85], haze: [120, 0.25, 0.75], land: [100, 0.5, 0.38],
    water: [190, 0.45, 0.55], accent: [340, 0.75, 0.72], accent2: [50, 0.9, 0.65], light: [0, 0, 0.98], ink: [130, 0.4, 0.15],
  },
  desert: {
    sky: [[205, 0.5, 0.56], [30, 0.5, 0.76], [36, 0.72, 0.83]],
    sun: [45, 1, 0.9], glow: [40, 0.9, 0.8], haze: [30, 0.42, 0.7], land: [24, 0.56, 0.46],
    water: [190, 0.5, 0.45], accent: [10, 0.65, 0.45], accent2: [45, 0.8, 0.6], light: [40, 0.6, 0.92], ink: [15, 0.4, 0.18],
  },
  tropical: {
    sky: [[196, 0.8, 0.5], [186, 0.7, 0.66], [170, 0.6, 0.8]],
    sun: [50, 1, 0.9], glow: [45, 1, 0.8], haze: [180, 0.35, 0.7], land: [130, 0.5, 0.27],
    water: [178, 0.75, 0.45], accent: [330, 0.8, 0.6], accent2: [40, 1, 0.6], light: [0, 0, 0.98], ink: [170, 0.6, 0.1],
  },
  dreamy: {
    sky: [[265, 0.36, 0.6], [290, 0.36, 0.75], [330, 0.46, 0.85]],
    sun: [50, 0.8, 0.93], glow: [320, 0.6, 0.85], haze: [280, 0.25, 0.75], land: [270, 0.26, 0.44],
    water: [260, 0.3, 0.6], accent: [330, 0.6, 0.75], accent2: [190, 0.5, 0.75], light: [300, 0.4, 0.95], ink: [270, 0.35, 0.2],
  },
  fire: {
    sky: [[0, 0.6, 0.12], [10, 0.76, 0.32], [28, 0.95, 0.55]],
    sun: [45, 1, 0.75], glow: [20, 1, 0.56], haze: [10, 0.6, 0.36], land: [0, 0.5, 0.08],
    water: [10, 0.5, 0.2], accent: [40, 1, 0.6], accent2: [0, 0.9, 0.5], light: [45, 1, 0.8], ink: [0, 0.5, 0.04],
    night: true,
  },
  space: {
    sky: [[250, 0.6, 0.05], [270, 0.5, 0.12], [232, 0.5, 0.2]],
    sun: [40, 0.9, 0.75], glow: [280, 0.7, 0.5], haze: [260, 0.4, 0.3], land: [250, 0.4, 0.12],
    water: [240, 0.4, 0.2], accent: [190, 0.8, 0.6], accent2: [320, 0.7, 0.6], light: [220, 0.4, 0.9], ink: [250, 0.5, 0.03],
    night: true,
  },
  aurora: {
    sky: [[230, 0.55, 0.08], [205, 0.5, 0.15], [172, 0.45, 0.26]],
    sun: [50, 0.4, 0.92], glow: [160, 0.6, 0.6], haze: [200, 0.3, 0.3], land: [225, 0.35, 0.1],
    water: [210, 0.45, 0.18], accent: [150, 0.9, 0.56], accent2: [290, 0.7, 0.62], light: [160, 0.5, 0.85], ink: [230, 0.45, 0.05],
    night: true,
  },
};

const t = ([h, s, l]: Triple): Hsl => hsl(h, s, l);

function fromRecipe(r: Recipe): Palette {
  return {
    sky: [t(r.sky[0]), t(r.sky[1]), t(r.sky[2])],
    sun: t(r.sun),
    glow: t(r.glow),
    haze: t(r.haze),
    land: t(r.land),
    water: t(r.water),
    accent: t(r.accent),
    accent2: t(r.accent2),
    light: t(r.light),
    ink: t(r.ink),
    night: Boolean(r.night),
  };
}

type Slot = Exclude<keyof Palette, 'night' | 'sky'>;
const SLOTS: Slot[] = ['sun', 'glow', 'haze', 'land', 'water', 'accent', 'accent2', 'light', 'ink'];

/** Apply a per-colour transform to every colour of a palette. */
export function mapPalette(p: Palette, fn: (c: Hsl, slot: Slot | 'sky0' | 'sky1' | 'sky2') => Hsl): Palette {
  const out = { ...p, sky: [fn(p.sky[0], 'sky0'), fn(p.sky[1], 'sky1'), fn(p.sky[2], 'sky2')] as Palette['sky'] };
  for (const slot of SLOTS) out[slot] = fn(p[slot], slot);
  return out;
}

function mixPalettes(a: Palette, b: Palette, weight: number, slots?: ReadonlyArray<Slot | 'sky'>, keepLightness = false): Palette {
  const out: Palette = { ...a, sky: [...a.sky] as Palette['sky'] };
  const chosen = slots ?? ['sky', ...SLOTS];
  // keepLightness: take the other palette's hues and saturation but (mostly) keep this one's light and dark.
  const mix = (x: Hsl, y: Hsl): Hsl => {
    const m = mixHsl(x, y, weight);
    return keepLightness ? hsl(m.h, m.s, x.l + (y.l - x.l) * weight * 0.2) : m;
  };
  for (const slot of chosen) {
    if (slot === 'sky') {
      out.sky = [mix(a.sky[0], b.sky[0]), mix(a.sky[1], b.sky[1]), mix(a.sky[2], b.sky[2])];
    } else {
      out[slot] = mix(a[slot], b[slot]);
    }
  }
  return out;
}

type Profile = 'day' | 'dusk' | 'night' | 'soft' | 'vivid';

const SKY_HUES = [200, 210, 220, 235, 255, 270, 285, 320, 335, 345, 15, 25, 35, 180, 190];

/** A palette built around one or two hues, for prompts without theme words. */
function paletteFromHues(h1: number, h2: number, profile: Profile): Palette {
  const sets: Record<Profile, () => Palette> = {
    day: () => ({
      sky: [hsl(h1, 0.6, 0.5), hsl(h1 + 8, 0.55, 0.68), hsl(h1 + 20, 0.45, 0.84)],
      sun: hsl(50, 1, 0.93), glow: hsl(h1 + 30, 0.8, 0.85), haze: hsl(h1, 0.25, 0.74), land: hsl(h2, 0.45, 0.3),
      water: hsl(h1, 0.55, 0.42), accent: hsl(h2 + 180, 0.8, 0.6), accent2: hsl(h1 + 150, 0.85, 0.65),
      light: hsl(0, 0, 0.98), ink: hsl(h2, 0.4, 0.1), night: false,
    }),
    dusk: () => ({
      sky: [hsl(h1, 0.5, 0.28), hsl(h1 + 25, 0.55, 0.52), hsl(h1 + 45, 0.8, 0.68)],
      sun: hsl(h1 + 50, 1, 0.88), glow: hsl(h1 + 40, 1, 0.66), haze: hsl(h1 + 20, 0.3, 0.52), land: hsl(h2, 0.4, 0.17),
      water: hsl(h1 + 10, 0.35, 0.36), accent: hsl(h1 + 45, 0.85, 0.6), accent2: hsl(h2 + 180, 0.8, 0.65),
      light: hsl(h1 + 45, 0.8, 0.86), ink: hsl(h2, 0.45, 0.08), night: false,
    }),
    night: () => ({
      sky: [hsl(h1, 0.55, 0.07), hsl(h1 + 5, 0.5, 0.15), hsl(h1 + 15, 0.45, 0.3)],
      sun: hsl(50, 0.45, 0.92), glow: hsl(h1, 0.5, 0.7), haze: hsl(h1, 0.3, 0.3), land: hsl(h2, 0.35, 0.1),
      water: hsl(h1, 0.45, 0.19), accent: hsl(h2 + 180, 0.9, 0.65), accent2: hsl(h1 + 160, 0.8, 0.62),
      light: hsl(h1, 0.3, 0.86), ink: hsl(h2, 0.45, 0.05), night: true,
    }),
    soft: () => ({
      sky: [hsl(h1, 0.4, 0.7), hsl(h1 + 15, 0.38, 0.8), hsl(h1 + 30, 0.45, 0.88)],
      sun: hsl(h1 + 40, 0.8, 0.93), glow: hsl(h1 + 40, 0.6, 0.86), haze: hsl(h1, 0.2, 0.78), land: hsl(h2, 0.3, 0.48),
      water: hsl(h1, 0.35, 0.65), accent: hsl(h2 + 150, 0.55, 0.68), accent2: hsl(h1 + 180, 0.5, 0.75),
      light: hsl(0, 0, 0.97), ink: hsl(h2, 0.3, 0.28), night: false,
    }),
    vivid: () => ({
      sky: [hsl(h1, 0.75, 0.4), hsl(h1 + 18, 0.75, 0.55), hsl(h1 + 35, 0.8, 0.7)],
      sun: hsl(h1 + 45, 1, 0.85), glow: hsl(h1 + 35, 1, 0.7), haze: hsl(h1 + 20, 0.5, 0.55), land: hsl(h2, 0.7, 0.25),
      water: hsl(h1, 0.7, 0.35), accent: hsl(h2 + 180, 0.95, 0.6), accent2: hsl(h1 + 120, 0.9, 0.6),
      light: hsl(h1 + 60, 0.9, 0.9), ink: hsl(h2, 0.6, 0.08), night: false,
    }),
  };
  return sets[profile]();
}

const MOOD_WEIGHT: Partial<Record<ThemeId, number>> = { neon: 0.7, gloomy: 0.55, calm: 0.45, golden: 0.45, dreamy: 0.5 };

/** One reference colour with its share of the reference pixels. */
export interface WeightedColour {
  rgb: Rgb;
  weight: number;
}

export interface PaletteInputs {
  info: PromptInfo;
  rng: Rng;
  /** Dominant reference colours, heaviest first. */
  referenceColours?: WeightedColour[];
}

/** The palette shared by every image of a set. */
export function buildPalette({ info, rng, referenceColours }: PaletteInputs): Palette {
  const byCategory = (c: string) => info.themes.filter((th) => THEME_CATEGORY[th] === c);
  // The sky's own colour ("under a blue sky") comes first: the first colour is the one that pulls the sky.
  const colours = info.skyColour ? [info.skyColour, ...info.colours] : info.colours;
  // Stars, a moon or an aurora mean night unless the prompt names another time of day.
  const nightSky = info.motifs.some((m) => m === 'stars' || m === 'moon' || m === 'aurora');
  const time = byCategory('time')[0] ?? (nightSky && !info.themes.includes('space') && !info.themes.includes('aurora') ? 'night' : undefined);
  const setting = byCategory('setting')[0];
  const moods = byCategory('mood');

  let p: Palette;
  if (!time && !setting && moods.length === 0) {
    // No theme: build around the prompt's colour words or a seeded hue.
    const hues = colours.filter((c) => c.hue !== undefined).map((c) => c.hue as number);
    // Without a colour word, draw the sky hue from ranges that read as skies (no yellow-green skies).
    const h1 = hues[0] ?? rng.pick(SKY_HUES) + rng.jitter(10);
    const h2 = hues[1] ?? wrapHue(h1 + rng.pick([30, -30, 150, 180, 210, 120]));
    const profile = rng.pick<Profile>(['day', 'dusk', 'dusk', 'night', 'soft', 'vivid']);
    p = paletteFromHues(h1, h2, profile);
  } else {
    const base = time ?? setting ?? moods[0];
    p = fromRecipe(RECIPES[base]);
    if (time && setting) {
      // The time of day owns the sky; the setting lends its land, water and accents, tinted by the light.
      const s = fromRecipe(RECIPES[setting]);
      const land = mixPalettes(s, p, 0.4, ['land', 'haze', 'water', 'ink']);
      p = { ...p, land: land.land, haze: mixHsl(p.haze, land.haze, 0.5), water: land.water, ink: land.ink, accent: s.accent };
    }
    for (const mood of moods) {
      if (mood === base) continue;
      // A mood tints a night scene without lighting it up (a "quiet night" stays dark); neon applies fully.
      p = mixPalettes(p, fromRecipe(RECIPES[mood]), MOOD_WEIGHT[mood] ?? 0.45, undefined, p.night && mood !== 'neon');
      if (mood === 'neon' || mood === 'gloomy') p.night = p.night || mood === 'neon';
    }
    if (moods.includes('gloomy')) p = mapPalette(p, (c) => hsl(c.h, c.s * 0.7, c.l * 0.9));
    if (moods.includes('calm')) p = mapPalette(p, (c) => hsl(c.h, c.s * 0.85, c.l));
  }

  // Colour words tint an existing theme: the first one pulls the sky and owns the accent, the second the land.
  if (time || setting || moods.length > 0) {
    const [c1, c2] = colours;
    if (c1) p = tintWithColour(p, c1.hue, c1.saturation, c1.lightness, ['sky0', 'sky1', 'sky2', 'glow', 'haze', 'water'], 0.55, 'accent');
    if (c2) p = tintWithColour(p, c2.hue, c2.saturation, c2.lightness, ['land', 'ink'], 0.6, 'accent2');
  } else {
    for (const c of colours) {
      if (c.hue === undefined) p = tintWithColour(p, undefined, c.saturation, c.lightness, ['land', 'ink', 'haze'], 0.5);
    }
  }

  // A little seeded drift so two seeds of the same prompt are not identical in colour.
  const drift = rng.jitter(9);
  const satDrift = rng.jitter(0.05);
  p = mapPalette(p, (c) => hsl(c.h + drift, c.s + satDrift, c.l));

  if (referenceColours && referenceColours.length > 0) p = blendReferenceColours(p, referenceColours);
  return p;
}

type AnySlot = Slot | 'sky0' | 'sky1' | 'sky2';

function tintWithColour(
  p: Palette,
  hue: number | undefined,
  saturation: number | undefined,
  lightness: number | undefined,
  slots: AnySlot[],
  weight: number,
  accentSlot?: Slot,
): Palette {
  const apply = (c: Hsl, w: number): Hsl => {
    const h = hue === undefined ? c.h : c.h + hueDelta(c.h, hue) * w;
    const s = saturation === undefined ? Math.max(c.s, 0.45 * w + c.s * (1 - w)) : c.s + (saturation - c.s) * w;
    const l = lightness === undefined ? c.l : c.l + (lightness - c.l) * w * 0.5;
    return hsl(h, s, l);
  };
  let out = mapPalette(p, (c, slot) => (slots.includes(slot) ? apply(c, weight) : c));
  if (accentSlot && hue !== undefined) {
    out = { ...out, [accentSlot]: hsl(hue, saturation ?? 0.85, lightness ?? 0.6) };
  }
  return out;
}

/**
 * Pull the palette toward the reference colours: each palette colour moves toward the reference colour of
 * similar rank in lightness, so a bright sky borrows the reference's light tones and the land its dark ones.
 */
export function blendReferenceColours(p: Palette, colours: WeightedColour[], strength = 0.6): Palette {
  const refs = colours.map((c) => ({ hsl: rgbToHsl(c.rgb), weight: c.weight })).sort((a, b) => a.hsl.l - b.hsl.l);
  const total = refs.reduce((sum, r) => sum + r.weight, 0) || 1;
  // Cumulative lightness rank of each reference colour (0 = darkest share, 1 = lightest).
  let acc = 0;
  const ranked = refs.map((r) => {
    const mid = (acc + r.weight / 2) / total;
    acc += r.weight;
    return { ...r, rank: mid };
  });
  const all: Array<{ slot: AnySlot; c: Hsl }> = [];
  mapPalette(p, (c, slot) => {
    all.push({ slot, c });
    return c;
  });
  const order = all.slice().sort((a, b) => a.c.l - b.c.l);
  const rankOf = new Map(order.map((entry, i) => [entry.slot, order.length === 1 ? 0.5 : i / (order.length - 1)]));
  return mapPalette(p, (c, slot) => {
    const rank = rankOf.get(slot) ?? 0.5;
    let best = ranked[0];
    for (const r of ranked) if (Math.abs(r.rank - rank) < Math.abs(best.rank - rank)) best = r;
    const target = best.hsl;
    const w = strength * (target.s < 0.08 ? 0.5 : 1);
    const h = target.s < 0.08 ? c.h : c.h + hueDelta(c.h, target.h) * w;
    return hsl(h, c.s + (target.s - c.s) * w, clamp01(c.l + (target.l - c.l) * w * 0.6));
  });
}

/** Small per-image variation of a shared palette: a hue offset of a few degrees and a lightness nudge. */
export function varyPalette(p: Palette, rng: Rng): Palette {
  const dh = rng.jitter(6);
  const dl = rng.jitter(0.03);
  return mapPalette(p, (c, slot) => (slot.startsWith('sky') || slot === 'glow' ? hsl(c.h + dh, c.s, c.l + dl) : hsl(c.h + dh * 0.5, c.s, c.l)));
}
