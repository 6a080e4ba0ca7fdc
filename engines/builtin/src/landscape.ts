/** The landscape scene: sky, ground or water, and the subjects that stand on them, back to front. */
import { hex, hsl, mixHsl, type Hsl } from './color.js';
import { buildingsOnRidge } from './building-row.js';
import { herd, type Animal } from './herd.js';
import { bridge } from './motifs/bridge.js';
import { headland, lighthouse } from './motifs/buildings.js';
import { city } from './motifs/city.js';
import { astronaut, boat, cat, dog, fox, people, person } from './motifs/creatures.js';
import { flowers, forest, loneTree, palms } from './motifs/flora.js';
import { dunes, foreground, ground, hills, mountains, water, type LandLayer } from './motifs/land.js';
import { dragon } from './motifs/dragon.js';
import { earth, lunarSurface } from './motifs/lunar.js';
import { cow, sheep } from './motifs/livestock.js';
import { deer, horse } from './motifs/quadrupeds.js';
import { lion, tiger } from './motifs/big-cats.js';
import { cars, road } from './motifs/road.js';
import { aurora, balloons, birds, clouds, moon, planet, rain, rainbow, sky, snow, stars, sun } from './motifs/sky.js';
import { waterfall } from './motifs/waterfall.js';
import { train } from './motifs/train.js';
import { snowman } from './motifs/winter.js';
import type { ScenePlan } from './plan.js';
import type { MotifId } from './prompt.js';
import { reduced, subject, u, type Scene } from './scene.js';
import type { Point } from './svg.js';
import { ridgeY } from './terrain.js';

export function landscape(s: Scene, plan: ScenePlan): string {
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
  if (m.has('dragon')) out += subject(s, () => dragon(s).svg);

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
      out += subject(s, () => Array.from({ length: plan.counts.boat ?? 1 }, () => boat(s, H, p.ink, s.style.neon ? p.accent : p.light)).join(''));
    }
    if (m.has('bridge')) {
      out += subject(s, () => {
        const span = bridge(s);
        return span.svg + (m.has('train') ? train(s, span.deck, false) : '');
      });
    }
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
    // A train without a bridge runs on a line of track across the middle distance.
    if (m.has('train') && !m.has('bridge')) out += subject(s, () => train(s, H + below * 0.2, true));
    if (m.has('road')) {
      const way = road(s);
      out += way.svg;
      if (m.has('car')) out += subject(s, () => cars(s, way, plan.counts.car ?? 1));
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
        .map((kind, i) => figureOnRidge(s, kind, ridge!, s.w * places[i % places.length]!, colour, { besidePerson: withPeople, count: plan.counts[kind] ?? 1, room, ridden: m.has('rider'), umbrella: m.has('umbrella') }))
        .join('');
      // On dark neon scenes the silhouettes get a glowing rim so they do not vanish (one blur for all: each costs).
      const glow = s.style.neon ? `<g opacity="0.9" filter="${s.doc.blur(u(s, 4))}">${drawn.split(hex(colour)).join(hex(p.accent))}</g>` : '';
      return glow + drawn;
    });
  }
  // Birds and falling rain or snow are drawn whole like the subjects, and over them: low-poly facets would average
  // their thin strokes away.
  if (m.has('birds')) out += subject(s, () => birds(s));
  if (m.has('rain')) out += subject(s, () => rain(s));
  if (m.has('snow') || (plan.snowCaps && plan.palette.night && m.has('forest'))) out += subject(s, () => snow(s));
  return out;
}

/** Buildings that stand on the ground ridge. */
const STANDING: readonly MotifId[] = ['castle', 'tower', 'windmill', 'village', 'house', 'xmastree', 'lighthouse'];

function foregroundRidge(s: Scene, y: number): Point[] {
  return [[-s.w, y], [s.w * 2, y]];
}

/** Figures seen from behind, drawn on a ridge in front of the view (side by side when several). */
const FIGURES: readonly MotifId[] = ['people', 'couple', 'person', 'astronaut', 'snowman', 'horse', 'cow', 'deer', 'sheep', 'dog', 'cat', 'fox', 'lion', 'tiger'];

/** The animals among the figures, and their scale beside a person (alone, each fills the view as designed). */
export const ANIMALS: Partial<Record<MotifId, Animal>> = {
  dog: { draw: dog, besidePerson: 0.5, width: 130, reach: 130 },
  cat: { draw: cat, besidePerson: 0.4, width: 100, reach: 100 },
  fox: { draw: fox, besidePerson: 0.45, width: 120, reach: 125 },
  horse: { draw: horse, besidePerson: 1, width: 225, reach: 150 },
  deer: { draw: deer, besidePerson: 0.85, width: 170, reach: 115 },
  cow: { draw: cow, besidePerson: 0.95, width: 230, reach: 130 },
  sheep: { draw: sheep, besidePerson: 0.6, width: 130, reach: 100 },
  lion: { draw: lion, besidePerson: 0.75, width: 230, reach: 140 },
  tiger: { draw: tiger, besidePerson: 0.75, width: 230, reach: 140 },
};

/**
 * A figure standing on the ridge at x. Beside a person, animals are drawn to the person's scale rather than filling the
 * view on their own; several animals of a kind make a herd within `room`.
 */
function figureOnRidge(
  s: Scene, kind: MotifId, ridge: Point[], x: number, colour: Hsl, o: { besidePerson: boolean; count: number; room: number; ridden: boolean; umbrella: boolean },
): string {
  const y = ridgeY(ridge, x) + u(s, 6);
  if (kind === 'person') return person(s, x, y, colour, o.umbrella);
  if (kind === 'astronaut') return astronaut(s, x, y, colour);
  if (kind === 'snowman') return snowman(s, x, y, colour);
  if (kind === 'people' || kind === 'couple') return people(s, x, y, colour, kind === 'couple' ? 2 : s.rng.int(2, 3));
  // Horses with riders: the riders are the figure colour, as people are.
  const animal = kind === 'horse' && o.ridden ? { ...ANIMALS.horse!, draw: (sc: Scene, hx: number, hy: number, c: Hsl, k?: number) => horse(sc, hx, hy, c, k, colour) } : ANIMALS[kind]!;
  const scale = o.besidePerson ? animal.besidePerson : 1;
  return o.count > 1 ? herd(s, animal, ridge, x, colour, scale, o.count, o.room) : animal.draw(s, x, y, colour, scale);
}
