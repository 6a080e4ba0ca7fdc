/**
 * The plan of a set: which kind of scene a prompt gets (landscape, abstract, underwater, still life), and which motifs,
 * ground, sky and subjects; decided once per set from the prompt and the set's random stream, shared by its images.
 */
import { hsl, type Hsl } from './color.js';
import { ABSTRACT_KINDS, type AbstractKind } from './motifs/abstract.js';
import type { TreeKind } from './motifs/flora.js';
import { TABLEWARE } from './motifs/still-life.js';
import type { Palette } from './palette.js';
import type { ColourWord, MotifId, PromptInfo, ThemeId } from './prompt.js';
import type { Rng } from './rng.js';
import type { StyleSpec } from './styles.js';

export type GroundKind = 'sea' | 'lake' | 'land' | 'desert' | 'lunar' | 'none';

/** Everything shared by the images of one set. */
export interface ScenePlan {
  kind: 'landscape' | 'abstract' | 'underwater' | 'stilllife' | 'portrait';
  /** A portrait stands before the landscape its prompt names ("portrait of a woman by the sea"), not soft lights. */
  portraitView: boolean;
  abstractKind: AbstractKind;
  motifs: ReadonlySet<MotifId>;
  ground: GroundKind;
  celestial: 'sun' | 'moon' | 'none';
  /** Sun low on the horizon (sunset, dawn) or high in the sky. */
  lowSun: boolean;
  stars: boolean;
  /** Cloud amount, 0 = none. */
  clouds: number;
  /** Horizon as a fraction of the height. */
  horizon: number;
  mountainLayers: number;
  snowCaps: boolean;
  treeKind: TreeKind;
  autumn: boolean;
  /** Rolling hills in front of mountains for depth. */
  foothills: boolean;
  palette: Palette;
  style: StyleSpec;
  /** Seeds the choices that stay the same across the images of a set (a horse's coat, a car's paint). */
  identity: number;
  /** Colours the prompt gives its subjects ("a red car"). */
  tints: Partial<Record<MotifId, Hsl>>;
  /** Second colours the prompt gives its subjects ("a black and white cow": white). */
  markings: Partial<Record<MotifId, Hsl>>;
  /** How many of a subject to draw, where the prompt asks for more than one ("two horses", "boats"). */
  counts: Partial<Record<MotifId, number>>;
}

const LANDSCAPE: ReadonlySet<MotifId> = new Set<MotifId>(['mountains', 'hills', 'sea', 'lake', 'city', 'forest', 'tree', 'flowers', 'desert', 'palms', 'boat', 'lighthouse', 'house', 'castle', 'tower', 'windmill', 'bridge', 'lunar', 'waterfall', 'road', 'xmastree', 'train']);

const THEME_MOTIFS: Partial<Record<ThemeId, MotifId[]>> = {
  ocean: ['sea'],
  forest: ['forest'],
  desert: ['desert'],
  tropical: ['sea', 'palms'],
  winter: ['mountains'],
  space: ['stars', 'planet'],
  aurora: ['aurora', 'stars'],
  night: ['stars'],
  sunset: ['sun'],
  dawn: ['sun'],
  fire: ['mountains'],
  spring: ['flowers'],
  autumn: ['forest'],
};

/** Scenes for prompts the renderer does not recognise at all: the seed picks one. */
const FALLBACK_SCENES: MotifId[][] = [
  ['mountains', 'sun', 'clouds'],
  ['sea', 'sun', 'clouds'],
  ['hills', 'tree', 'clouds'],
  ['forest', 'mountains', 'moon'],
  ['desert', 'sun'],
  ['city', 'moon'],
  ['lake', 'mountains', 'forest'],
  ['hills', 'flowers', 'sun'],
  ['sea', 'boat', 'birds'],
  ['sea', 'lighthouse', 'clouds'],
  ['hills', 'house', 'tree'],
  ['hills', 'castle', 'clouds'],
  ['hills', 'windmill', 'flowers'],
  ['hills', 'balloon', 'sun'],
  ['abstract'],
  ['abstract'],
];

export function planScene(info: PromptInfo, rng: Rng, style: StyleSpec, palette: Palette, referenceHorizon?: number): ScenePlan {
  const motifs = new Set<MotifId>(info.motifs);
  const excluded = new Set<MotifId>(info.excluded);
  const add = (m: MotifId) => {
    if (!excluded.has(m)) motifs.add(m);
  };
  const hasLandscape = () => [...motifs].some((m) => LANDSCAPE.has(m));
  // A rider is on the horse: no one else stands beside it for the words that named them ("a man riding a horse").
  if (motifs.has('rider')) {
    if (motifs.has('horse')) motifs.delete('person');
    else motifs.delete('rider');
  }
  // In a city, towers are its high-rises.
  if (motifs.has('city')) motifs.delete('tower');
  for (const theme of info.themes) {
    for (const m of THEME_MOTIFS[theme] ?? []) {
      if (LANDSCAPE.has(m) && hasLandscape() && m !== 'palms' && m !== 'flowers') continue;
      add(m);
    }
  }
  if (motifs.size === 0 || (motifs.size === 1 && motifs.has('clouds') && info.themes.length === 0 && info.colours.length === 0)) {
    for (const m of rng.pick(FALLBACK_SCENES)) add(m);
  }
  const abstract = motifs.has('abstract') && !hasLandscape();
  // Under the sea nothing of the sky or the land shows.
  const underwater = motifs.has('underwater');
  // Things on a table make an indoor scene (its window shows the sky), unless the prompt is mostly a landscape ("tea
  // fields in the mountains"); a table named outright always makes one.
  const objects = Object.keys(TABLEWARE).some((m) => motifs.has(m as MotifId));
  const landscapeMotifs = [...motifs].filter((m) => LANDSCAPE.has(m)).length;
  const stillLifeScene = !underwater && (motifs.has('table') || (objects && landscapeMotifs < 2));
  // A portrait is a head and shoulders, before the landscape the prompt names or else against soft light.
  const portraitScene = !underwater && !stillLifeScene && motifs.has('portrait');
  const portraitView = portraitScene && landscapeMotifs > 0;
  const space = info.themes.includes('space');
  if (!abstract && !hasLandscape() && !space) {
    // Only sky things or moods: give them some ground to stand on.
    const options: MotifId[] = info.themes.includes('calm') ? ['sea', 'lake', 'hills'] : ['hills', 'sea', 'mountains', 'lake', 'hills'];
    add(rng.pick(options));
  }

  const ground = groundOf(motifs, hasLandscape() || !space);
  if (ground === 'land' && !['mountains', 'hills', 'forest', 'city', 'flowers', 'tree'].some((m) => motifs.has(m as MotifId))) add('hills');
  // Over water a train runs on a viaduct.
  if (motifs.has('train') && (ground === 'sea' || ground === 'lake')) add('bridge');

  const night = palette.night;
  let celestial: ScenePlan['celestial'] = 'none';
  // On the moon, the moon is underfoot: the Earth hangs in the sky instead (drawn as the scene's planet).
  if (ground === 'lunar') {
    motifs.delete('moon');
    add('planet');
    celestial = motifs.has('sun') ? 'sun' : 'none';
  } else if (motifs.has('moon')) celestial = 'moon';
  else if (motifs.has('sun')) celestial = 'sun';
  else if (night && !excluded.has('moon')) celestial = rng.chance(0.75) ? 'moon' : 'none';
  else if (!night && !excluded.has('sun') && !info.themes.includes('gloomy')) celestial = rng.chance(0.7) ? 'sun' : 'none';

  const lowSun = info.themes.some((t) => t === 'sunset' || t === 'dawn' || t === 'golden' || t === 'fire') || (!night && rng.chance(0.35));
  const stars = !excluded.has('stars') && (motifs.has('stars') || night);
  const gloomy = info.themes.includes('gloomy');
  const clouds = excluded.has('clouds') ? 0 : motifs.has('clouds') ? (gloomy ? 1.6 : 1.1) : space || night ? 0 : rng.chance(0.55) ? 0.5 : 0;

  const baseHorizon = ground === 'none' ? 0.97 : ground === 'lunar' ? 0.66 : ground === 'sea' ? 0.6 : ground === 'lake' ? 0.58 : motifs.has('city') ? 0.68 : ground === 'desert' ? 0.58 : 0.64;
  const horizon = referenceHorizon !== undefined ? Math.min(0.85, Math.max(0.35, referenceHorizon)) : baseHorizon + rng.jitter(0.04);

  const autumn = info.themes.includes('autumn');
  const winter = info.themes.includes('winter');
  const treeKind: TreeKind = autumn || info.themes.includes('spring') || info.themes.includes('tropical') ? 'round' : winter || night ? 'conifer' : rng.pick<TreeKind>(['conifer', 'round']);

  return {
    kind: underwater ? 'underwater' : stillLifeScene ? 'stilllife' : portraitScene ? 'portrait' : abstract ? 'abstract' : 'landscape',
    portraitView,
    abstractKind: rng.pick(ABSTRACT_KINDS),
    motifs,
    ground,
    celestial: underwater || stillLifeScene || (portraitScene && !portraitView) ? 'none' : celestial,
    lowSun,
    stars,
    clouds,
    horizon,
    mountainLayers: ground === 'sea' || ground === 'lake' ? 2 : rng.int(2, 3),
    snowCaps: winter || (!night && !autumn && !info.themes.includes('desert') && rng.chance(0.5)),
    treeKind,
    autumn,
    foothills: rng.chance(0.6),
    palette,
    style,
    identity: rng.fork('identity').int(0, 0x7fffffff),
    tints: coloursOf(info.tints),
    markings: coloursOf(info.markings),
    counts: Object.fromEntries(
      // Sheep come in flocks: three, unless the prompt says how many.
      Object.entries({ ...(motifs.has('sheep') ? { sheep: 3 } : {}), ...info.counts }).map(([motif, c]) => [
        motif,
        Math.min(MAX_COUNT, c === 'several' ? rng.fork(`count ${motif}`).int(2, 3) : c),
      ]),
    ),
  };
}

/** The most of one subject drawn side by side. */
const MAX_COUNT = 4;

const coloursOf = (words: PromptInfo['tints']): ScenePlan['tints'] =>
  Object.fromEntries(Object.entries(words).map(([motif, c]) => [motif, colourOf(c)]));

/** The colour a colour word names (a neutral one by its lightness). */
function colourOf(c: ColourWord): Hsl {
  return hsl(c.hue ?? 0, c.saturation ?? (c.hue === undefined ? 0 : 0.7), c.lightness ?? 0.45);
}

/** The ground a scene stands on: the first named of the kinds below, else land (or nothing, in space). */
function groundOf(motifs: ReadonlySet<MotifId>, hasLand: boolean): GroundKind {
  const named = (['lunar', 'sea', 'lake', 'desert'] as const).find((kind) => motifs.has(kind));
  return named ?? (hasLand ? 'land' : 'none');
}
