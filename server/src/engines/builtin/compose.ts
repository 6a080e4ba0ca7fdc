/**
 * Composition: decides, once per set, which motifs and layers a prompt gets (the plan), then lays out one
 * image of the set from the plan and a per-image random stream (the scene SVG).
 */
import { hex, hsl, mixHsl, type Hsl } from './color.js';
import { abstractComposition, ABSTRACT_KINDS, type AbstractKind } from './motifs/abstract.js';
import { city } from './motifs/city.js';
import { buildingsOnRidge } from './building-row.js';
import { herd, type Animal } from './herd.js';
import { bridge } from './motifs/bridge.js';
import { earth, lunarSurface } from './motifs/lunar.js';
import { stillLife, TABLEWARE } from './motifs/still-life.js';
import { underwaterScene } from './motifs/underwater.js';
import { waterfall } from './motifs/waterfall.js';
import { car, road } from './motifs/road.js';
import { headland, lighthouse } from './motifs/buildings.js';
import { astronaut, boat, cat, dog, fox, people, person } from './motifs/creatures.js';
import { deer, horse } from './motifs/quadrupeds.js';
import { flowers, forest, loneTree, palms, type TreeKind } from './motifs/flora.js';
import { dunes, foreground, ground, hills, mountains, water, type LandLayer } from './motifs/land.js';
import { aurora, balloons, birds, clouds, moon, planet, rain, rainbow, sky, snow, stars, sun } from './motifs/sky.js';
import type { Palette } from './palette.js';
import type { ColourWord, MotifId, PromptInfo, ThemeId } from './prompt.js';
import type { Rng } from './rng.js';
import { FULL_DETAIL_PX, padStops, reduced, subject, u, type Scene } from './scene.js';
import type { StyleSpec } from './styles.js';
import { n, SvgDoc, type Point } from './svg.js';
import { ridgeY } from './terrain.js';

export type GroundKind = 'sea' | 'lake' | 'land' | 'desert' | 'lunar' | 'none';

/** Everything shared by the images of one set. */
export interface ScenePlan {
  kind: 'landscape' | 'abstract' | 'underwater' | 'stilllife';
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
  /** How many of a subject to draw, where the prompt asks for more than one ("two horses", "boats"). */
  counts: Partial<Record<MotifId, number>>;
}

const LANDSCAPE: ReadonlySet<MotifId> = new Set<MotifId>(['mountains', 'hills', 'sea', 'lake', 'city', 'forest', 'tree', 'flowers', 'desert', 'palms', 'boat', 'lighthouse', 'house', 'castle', 'tower', 'windmill', 'bridge', 'lunar', 'waterfall', 'road']);

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
  // Things on a table make an indoor scene; its window shows the sky.
  const stillLifeScene = !underwater && (motifs.has('table') || Object.keys(TABLEWARE).some((m) => motifs.has(m as MotifId)));
  const space = info.themes.includes('space');
  if (!abstract && !hasLandscape() && !space) {
    // Only sky things or moods: give them some ground to stand on.
    const options: MotifId[] = info.themes.includes('calm') ? ['sea', 'lake', 'hills'] : ['hills', 'sea', 'mountains', 'lake', 'hills'];
    add(rng.pick(options));
  }

  const ground = groundOf(motifs, hasLandscape() || !space);
  if (ground === 'land' && !['mountains', 'hills', 'forest', 'city', 'flowers', 'tree'].some((m) => motifs.has(m as MotifId))) add('hills');

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
    kind: underwater ? 'underwater' : stillLifeScene ? 'stilllife' : abstract ? 'abstract' : 'landscape',
    abstractKind: rng.pick(ABSTRACT_KINDS),
    motifs,
    ground,
    celestial: underwater || stillLifeScene ? 'none' : celestial,
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
    tints: Object.fromEntries(Object.entries(info.tints).map(([motif, c]) => [motif, colourOf(c)])),
    counts: Object.fromEntries(
      Object.entries(info.counts).map(([motif, c]) => [motif, Math.min(MAX_COUNT, c === 'several' ? rng.fork(`count ${motif}`).int(2, 3) : c)]),
    ),
  };
}

/** The most of one subject drawn side by side. */
const MAX_COUNT = 4;

/** The colour a colour word names (a neutral one by its lightness). */
function colourOf(c: ColourWord): Hsl {
  return hsl(c.hue ?? 0, c.saturation ?? (c.hue === undefined ? 0 : 0.7), c.lightness ?? 0.45);
}

/** The ground a scene stands on: the first named of the kinds below, else land (or nothing, in space). */
function groundOf(motifs: ReadonlySet<MotifId>, hasLand: boolean): GroundKind {
  const named = (['lunar', 'sea', 'lake', 'desert'] as const).find((kind) => motifs.has(kind));
  return named ?? (hasLand ? 'land' : 'none');
}

/** Widest (or tallest) aspect ratio a scene is composed at; thinner outputs show a centred slice of it. */
export const MAX_SCENE_ASPECT = 4;

/**
 * Scene size in user units for an output size: the geometric mean of the sides is 1000, and the aspect ratio is
 * clamped so extreme strips (say 4096x1) do not multiply the number of trees or stars.
 */
export function sceneUnits(width: number, height: number): { w: number; h: number } {
  const aspect = Math.min(MAX_SCENE_ASPECT, Math.max(1 / MAX_SCENE_ASPECT, width / height));
  return { w: 1000 * Math.sqrt(aspect), h: 1000 / Math.sqrt(aspect) };
}

/**
 * Level of detail of a scene (see `Scene.detail`): the raster's shorter side over FULL_DETAIL_PX, capped at 1. The
 * shorter side is measured in scene terms (pixels per unit times the scene's shorter side), which is the raster's
 * shorter side except for strips beyond MAX_SCENE_ASPECT, where the slice shown is drawn larger. Outputs whose shorter
 * side is FULL_DETAIL_PX or more always get full detail, also in styles that draw the scene at a small raster on
 * purpose (pixel art, low-poly), so no image of that size changes.
 */
export function sceneDetail(o: Pick<SceneOptions, 'width' | 'height' | 'pxWidth' | 'pxHeight'>): number {
  if (Math.min(o.width, o.height) >= FULL_DETAIL_PX) return 1;
  const { w, h } = sceneUnits(o.width, o.height);
  const shorterPx = Math.max(o.pxWidth / w, o.pxHeight / h) * Math.min(w, h);
  return Math.min(1, Math.max(1, shorterPx) / FULL_DETAIL_PX);
}

export interface SceneOptions {
  plan: ScenePlan;
  /** Per-image palette (the set palette with a small per-index variation). */
  palette: Palette;
  rng: Rng;
  width: number;
  height: number;
  /** Raster size the SVG will be rendered at. */
  pxWidth: number;
  pxHeight: number;
  /** Tiny PNG of the primary reference, blended in as a colour/layout wash. */
  referenceWash?: Buffer;
  /** Extra markup drawn over everything (textures); may register definitions in the document. */
  extra?: (doc: SvgDoc) => string;
  /** Draw the main subjects into `scene.subjects` instead of in place (see `Scene.subjects`). */
  subjectsApart?: boolean;
}

export function buildScene(o: SceneOptions): { doc: SvgDoc; scene: Scene } {
  const { w, h } = sceneUnits(o.width, o.height);
  const doc = new SvgDoc(w, h);
  const horizon = h * Math.min(0.9, Math.max(0.3, o.plan.horizon + o.rng.jitter(0.035)));
  const scene: Scene = {
    doc, rng: o.rng, w, h, m: Math.min(w, h), horizon, palette: o.palette, style: o.plan.style, detail: sceneDetail(o),
    identity: o.plan.identity, tints: o.plan.tints,
    ...(o.subjectsApart ? { subjects: { doc: new SvgDoc(w, h), markup: [] } } : {}),
  };
  if (o.plan.celestial !== 'none') {
    const isSun = o.plan.celestial === 'sun';
    const r = u(scene, isSun ? o.rng.range(55, 85) : o.rng.range(40, 62));
    const x = w * o.rng.range(0.2, 0.8);
    const y = isSun && o.plan.lowSun ? horizon - r * o.rng.range(-0.2, 1.6) : horizon * o.rng.range(0.2, 0.45);
    scene.celestial = { kind: isSun ? 'sun' : 'moon', x, y, r };
  }
  return { doc, scene };
}

/** The complete SVG document of one image, and the scene it was laid out in. */
export function sceneSvg(o: SceneOptions): { svg: string; scene: Scene } {
  const { doc, scene } = buildScene(o);
  const body = KIND_DRAWERS[o.plan.kind](scene, o.plan) + overlays(scene, o.referenceWash);
  return { svg: doc.toString(body + (o.extra ? o.extra(doc) : ''), o.pxWidth, o.pxHeight), scene };
}

const KIND_DRAWERS: Record<ScenePlan['kind'], (s: Scene, plan: ScenePlan) => string> = {
  landscape: (s, plan) => landscape(s, plan),
  abstract: (s, plan) => abstractComposition(s, plan.abstractKind),
  underwater: (s) => underwaterScene(s),
  stilllife: (s, plan) => stillLife(s, plan.motifs),
};

function landscape(s: Scene, plan: ScenePlan): string {
  const m = plan.motifs;
  const p = s.palette;
  const H = s.horizon;
  const below = s.h - H;
  // Buildings on the ground; at sea a lighthouse stands on its own headland instead.
  const standing = STANDING.filter((b) => m.has(b) && (b !== 'lighthouse' || plan.ground !== 'sea'));
  let out = sky(s);
  if (plan.stars) out += stars(s, plan.palette.night ? 1 : 0.4);
  if (m.has('planet')) out += plan.ground === 'lunar' ? earth(s) : planet(s);
  if (m.has('aurora')) out += aurora(s);
  if (s.celestial) out += s.celestial.kind === 'sun' ? sun(s) : moon(s);
  if (m.has('rainbow')) out += rainbow(s);
  if (plan.clouds > 0) out += clouds(s, plan.clouds);
  if (m.has('balloon')) out += subject(s, () => balloons(s));

  let groundRidge: Point[] | undefined;
  const keepRidge = (layers: LandLayer[]) => {
    if (layers.length) groundRidge = layers[layers.length - 1].ridge;
    return layers.map((l) => l.svg).join('');
  };

  if (plan.ground === 'sea' || plan.ground === 'lake') {
    const reflect: string[] = [];
    /** A land layer as drawn, registered for the reflection (the layer itself, or in reduced scenes its bare shape). */
    const reflected = (layer: LandLayer) => {
      if (reduced(s)) {
        // Lit faces, snow and mist are lost in a faint, small reflection: only the shape is drawn again.
        reflect.push(s.doc.def('s', (id) => `<g id="${id}">${layer.shape}</g>`));
        return layer.svg;
      }
      const id = s.doc.def('s', () => '');
      reflect.push(id);
      return `<g id="${id}">${layer.svg}</g>`;
    };
    if (m.has('mountains')) {
      const layers = mountains(s, plan.mountainLayers, { base: H + u(s, 2), snow: plan.snowCaps, bottom: H + u(s, 30) });
      out += layers.map(reflected).join('');
    } else if (plan.ground === 'lake' || (!m.has('city') && !m.has('forest') && plan.foothills)) {
      // Distant shore so the horizon is not a bare line.
      out += hills(s, 1, { from: H + u(s, 4), to: H + u(s, 4), bottom: H + u(s, 40) }).map(reflected).join('');
    }
    if (m.has('city')) {
      const c = city(s, { base: H + u(s, 1), rows: 2 });
      out += c.svg;
      reflect.push(...c.ids);
    }
    if (m.has('forest')) {
      const f = forest(s, { rows: 1, from: H + u(s, 3), to: H + u(s, 3), kind: plan.treeKind, autumn: plan.autumn });
      out += f.svg;
      reflect.push(...f.ids);
    }
    out += water(s, { reflect, calm: plan.ground === 'lake' || plan.palette.sky[0].s < 0.3 });
    if (m.has('boat')) {
      const boats = Array.from({ length: plan.counts.boat ?? 1 }, () => boat(s, H, p.ink, s.style.neon ? p.accent : p.light));
      out += subject(s, () => boats.join(''));
    }
    if (m.has('bridge')) out += subject(s, () => bridge(s).svg);
    if (m.has('lighthouse') && plan.ground === 'sea') {
      const land = headland(s);
      out += land.svg + subject(s, () => lighthouse(s, land.site, land.facing));
    }
    const needsShore = m.has('palms') || m.has('flowers') || m.has('tree') || standing.length > 0 || FIGURES.some((f) => m.has(f));
    if (needsShore && !m.has('flowers') && !m.has('tree')) {
      const shore = foreground(s, H + below * 0.72, plan.ground === 'sea' ? 'sand' : 'grass');
      out += shore.svg;
      groundRidge = shore.ridge;
    }
  } else if (plan.ground === 'lunar') {
    const surface = lunarSurface(s);
    out += surface.svg;
    groundRidge = surface.standing;
  } else if (plan.ground !== 'none') {
    out += ground(s);
    if (m.has('mountains')) {
      out += mountains(s, plan.mountainLayers, { base: H + u(s, 6), snow: plan.snowCaps }).map((l) => l.svg).join('');
      if (plan.foothills && !m.has('forest') && !m.has('desert')) out += keepRidge(hills(s, 2, { from: H + below * 0.15, to: H + below * 0.45 }));
    }
    if (m.has('city')) out += city(s, { base: H + u(s, 2), rows: 2 }).svg;
    if (plan.ground === 'desert') out += keepRidge(dunes(s, 3, { from: H + below * 0.1, to: H + below * 0.6 }));
    if (m.has('hills') && !m.has('desert')) out += keepRidge(hills(s, m.has('mountains') ? 1 : 3, { from: H + below * 0.08, to: H + below * 0.5 }));
    if (m.has('forest')) {
      out += forest(s, { rows: m.has('mountains') ? 2 : 3, from: H + below * 0.08, to: H + below * 0.55, kind: plan.treeKind, autumn: plan.autumn }).svg;
    }
    if (m.has('waterfall')) out += subject(s, () => waterfall(s).svg);
    if (m.has('road')) {
      const way = road(s);
      out += way.svg;
      if (m.has('car')) out += subject(s, () => car(s, way));
    }
  }

  let treeX: number | undefined;
  if (m.has('tree')) {
    const t = loneTree(s, { groundTop: H + below * 0.55, bare: plan.snowCaps && plan.treeKind === 'conifer' && plan.palette.night });
    out += t.svg;
    groundRidge = t.ridge;
    treeX = t.x;
  }
  if (standing.length > 0) out += subject(s, () => buildingsOnRidge(s, standing, groundRidge ?? foregroundRidge(s, H + below * 0.7), treeX));
  if (m.has('flowers')) {
    out += flowers(s, { top: H + below * (m.has('tree') ? 0.72 : 0.5) });
    groundRidge = undefined;
  }
  if (m.has('palms')) {
    const ridge = groundRidge ?? foregroundRidge(s, H + below * 0.8);
    out += palms(s, { ground: ridge });
  }
  const figures = FIGURES.filter((f) => m.has(f));
  if (figures.length > 0) {
    let ridge = groundRidge;
    // On a ledge in front when the ground is covered with flowers, when buildings stand on it (in scale with them), or
    // when a waterfall's rock rises from it.
    if (!ridge || m.has('flowers') || standing.length > 0 || m.has('waterfall')) {
      const ledge = foreground(s, H + below * 0.78, 'rock');
      out += ledge.svg;
      ridge = ledge.ridge;
    }
    const colour = s.style.neon ? hsl(p.ink.h, p.ink.s, 0.02) : mixHsl(p.ink, hsl(0, 0, 0), 0.4);
    const places = figures.length === 1 ? [s.rng.pick([0.3, 0.4, 0.6, 0.7])] : s.rng.shuffle([0.26, 0.42, 0.58, 0.74]);
    const withPeople = figures.some((f) => ANIMALS[f] === undefined);
    // A herd spreads over most of the width when it is alone, over its own stretch beside other figures.
    const room = s.w * (figures.length === 1 ? 0.8 : 0.3);
    out += subject(s, () => {
      const drawn = figures
        .map((kind, i) => figureOnRidge(s, kind, ridge!, s.w * places[i % places.length]!, colour, { besidePerson: withPeople, count: plan.counts[kind] ?? 1, room }))
        .join('');
      // On dark neon scenes the silhouettes get a glowing rim so they do not vanish (one blur for all: each costs).
      const glow = s.style.neon ? `<g opacity="0.9" filter="${s.doc.blur(u(s, 4))}">${drawn.split(hex(colour)).join(hex(p.accent))}</g>` : '';
      return glow + drawn;
    });
  }
  if (m.has('birds')) out += birds(s);
  if (m.has('rain')) out += rain(s);
  if (m.has('snow') || (plan.snowCaps && plan.palette.night && m.has('forest'))) out += snow(s);
  return out;
}

/** Buildings that stand on the ground ridge. */
const STANDING: readonly MotifId[] = ['castle', 'tower', 'windmill', 'village', 'house', 'lighthouse'];

function foregroundRidge(s: Scene, y: number): Point[] {
  return [[-s.w, y], [s.w * 2, y]];
}

/** Figures seen from behind, drawn on a ridge in front of the view (side by side when several). */
const FIGURES: readonly MotifId[] = ['people', 'couple', 'person', 'astronaut', 'horse', 'deer', 'dog', 'cat', 'fox'];

/** The animals among the figures, and their scale beside a person (alone, each fills the view as designed). */
export const ANIMALS: Partial<Record<MotifId, Animal>> = {
  dog: { draw: dog, besidePerson: 0.5, width: 130, reach: 130 },
  cat: { draw: cat, besidePerson: 0.4, width: 100, reach: 100 },
  fox: { draw: fox, besidePerson: 0.45, width: 120, reach: 125 },
  horse: { draw: horse, besidePerson: 1, width: 225, reach: 150 },
  deer: { draw: deer, besidePerson: 0.85, width: 170, reach: 115 },
};

/**
 * A figure standing on the ridge at x. Beside a person, animals are drawn to the person's scale rather than filling the
 * view on their own; several animals of a kind make a herd within `room`.
 */
function figureOnRidge(s: Scene, kind: MotifId, ridge: Point[], x: number, colour: Hsl, o: { besidePerson: boolean; count: number; room: number }): string {
  const y = ridgeY(ridge, x) + u(s, 6);
  if (kind === 'person') return person(s, x, y, colour);
  if (kind === 'astronaut') return astronaut(s, x, y, colour);
  if (kind === 'people' || kind === 'couple') return people(s, x, y, colour, kind === 'couple' ? 2 : s.rng.int(2, 3));
  const animal = ANIMALS[kind]!;
  const scale = o.besidePerson ? animal.besidePerson : 1;
  return o.count > 1 ? herd(s, animal, ridge, x, colour, scale, o.count, o.room) : animal.draw(s, x, y, colour, scale);
}

/** Style overlays drawn over the whole scene: the reference wash, vignette, paper edges. */
function overlays(s: Scene, referenceWash?: Buffer): string {
  let out = '';
  if (referenceWash) {
    const href = `data:image/png;base64,${referenceWash.toString('base64')}`;
    const img = (extra: string) => `<image href="${href}" x="0" y="0" width="${n(s.w)}" height="${n(s.h)}" preserveAspectRatio="xMidYMid slice"${extra}/>`;
    out += img(' style="mix-blend-mode:color"  opacity="0.45"') + img(' opacity="0.18"');
  }
  const v = s.style.vignette;
  if (v > 0) {
    const r = Math.hypot(s.w, s.h) / 2;
    const dark = hsl(s.palette.ink.h, s.palette.ink.s * 0.5, 0.03);
    out += `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${s.doc.radial(padStops(s, [[0, dark, 0], [0.55, dark, 0], [1, dark, Math.min(0.85, v)]]), s.w / 2, s.h / 2, r)}"/>`;
  }
  if (s.style.washes > 0 && s.style.paper > 0) {
    // Watercolour and ink: the paint thins out toward the paper's edges.
    const r = Math.hypot(s.w, s.h) / 2;
    const paper = hsl(40, 0.35, 0.95);
    out += `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${s.doc.radial(padStops(s, [[0, paper, 0], [0.7, paper, 0], [1, paper, 0.75]]), s.w / 2, s.h / 2, r)}"/>`;
  }
  return out;
}
