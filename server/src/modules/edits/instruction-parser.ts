/**
 * Turns a plain edit instruction in English or Chinese ("make it warmer and crop to 16:9, then add a vignette",
 * "变成黑白，然后顺时针旋转 90 度") into classic edit operations, or explains what it could not understand.
 */
import { NAMED_COLOURS } from '@atelier/engine-builtin';
import type { EditOperation, TextPosition } from './edit-ops.js';
import { hanToEnglish } from './instruction-han.js';

export type ParseResult = { operations: EditOperation[] } | { error: string; understood: string[] };

/** Short human phrases describing everything the parser understands. */
export const UNDERSTOOD_INSTRUCTIONS: string[] = [
  'brighter / darker ("make it a bit brighter")',
  'more / less contrast',
  'more / less saturation ("more vibrant", "desaturate")',
  'warmer / cooler',
  'black and white ("convert to grayscale", "make it black and white")',
  'sepia / vintage',
  'invert colors',
  'blur / soften',
  'sharpen',
  'rotate 90 degrees, rotate left / right, upside down',
  'flip horizontally (mirror) / flip vertically',
  'crop to 16:9, 4:3, 1:1 (square crop)',
  'upscale 2x, upscale to 4K, resize to 800x600, make it 50% smaller',
  'zoom in on the centre (2x, or "zoom in 3x")',
  'add text "Hello" (at the top / bottom / center, in a colour)',
  'add a white border / frame',
  'add a vignette',
  'intensity: slightly, a bit, a lot, much, very, or a percentage ("20% brighter")',
  'combine steps with "and", "then" or commas',
  'in Chinese too: 变成黑白, 更亮, 裁剪成 16:9, 顺时针旋转 90 度, 放大两倍, 加白色边框',
];

const COLOUR_NAMES = Object.keys(NAMED_COLOURS).join('|');

/** Words that may appear around operations without meaning anything by themselves. */
const FILLER = new Set(
  (
    'please pls plz kindly can could would will you u i id want wanna like love need make made let lets just also and then now ' +
    'a an the it its this that these those image img photo photograph picture pic pict shot version copy my me to be is are ' +
    'look looks looking bit little tiny touch tad lot lots more much very really way slightly slight somewhat quite so extra ' +
    'super some of in on at by for with overall whole entire everything all colours colors colour color tone tones tint effect ' +
    'filter apply add give put set change adjust turn go do should thanks thank ok okay hey hi up down increase decrease reduce ' +
    'lower raise boost less enhance improve amount level levels strongly heavily significantly dramatically subtly gently mildly ' +
    'moderately considerably noticeably bump crank pump style nice nicer first next after finally percent degrees degree px pixels ' +
    'pixel some bit too higher stronger weaker lessen fix tweak small smaller bigger big make into use using same as well both ' +
    'extremely massively hugely drastically barely marginally subtle light heavy strong mild convert converted transform'
  ).split(' '),
);

const WEAK = /\b(slightly|slight|a bit|bit|a little|little|a touch|touch|somewhat|subtly|subtle|gently|mildly|tad|barely|marginally|light)\b/;
const STRONG = /\b(much|a lot|lot|lots|very|really|significantly|strongly|heavily|considerably|way|noticeably|quite|heavy|strong)\b/;
const EXTREME = /\b(extremely|super|massively|dramatically|hugely|drastically|maximum|max)\b/;

function intensity(clause: string): number {
  if (WEAK.test(clause)) return 0.5;
  if (EXTREME.test(clause)) return 2.4;
  if (STRONG.test(clause)) return 1.7;
  return 1;
}

const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;
const clampAmount = (v: number): number => round(Math.max(-1, Math.min(1, v)));

interface Ctx {
  clause: string;
  /** The clause with its original letter case (same length as `clause`). */
  original: string;
  quotes: string[];
  intensity: number;
}

interface Rule {
  re: RegExp;
  build(m: RegExpExecArray, ctx: Ctx): EditOperation | EditOperation[] | undefined;
}

type Adjustment = 'brightness' | 'contrast' | 'saturation' | 'temperature';

const NEGATORS = /^(less|reduce|reduced|decrease|decreased|lower|lowered|lessen|tone down|turn down|remove|minus|drop|cut|weaken|soften|too)\b/;

const BASE: Record<Adjustment, number> = { brightness: 0.2, contrast: 0.25, saturation: 0.3, temperature: 0.35 };

const MOD = '(?:\\b(less|reduce|reduced|decrease|decreased|lower|lowered|lessen|tone down|turn down|remove|minus|drop|cut|weaken|too|more|increase|increased|boost|raise|raised|add|higher|enhance|improve|turn up|pump up|crank up|bump up|stronger|extra)\\s+(?:(?:the|a|an|some|bit|little|lot|of|much|more|slightly|image|photo|picture|its|overall|very|way|[a-z]+ly)\\s+){0,3})?';

function adjustment(kind: Adjustment, positive: string, negative: string, neutral: string): Rule {
  const words = [positive, negative, neutral].filter(Boolean).join('|');
  return {
    re: new RegExp(`${MOD}\\b(${words})\\b(?:\\s+(up|down))?`, 'g'),
    build(m, ctx) {
      const word = m[2];
      let sign = new RegExp(`^(?:${negative})$`).test(word) ? -1 : 1;
      if (m[1] && NEGATORS.test(m[1])) sign = -sign;
      if (m[3] === 'down') sign = -Math.abs(sign);
      return { op: kind, amount: clampAmount(sign * BASE[kind] * ctx.intensity) };
    },
  };
}

const ASPECT_NAMES: Record<string, string> = {
  square: '1:1',
  widescreen: '16:9',
  cinematic: '21:9',
  ultrawide: '21:9',
  panorama: '3:1',
  panoramic: '3:1',
  portrait: '4:5',
  instagram: '4:5',
  story: '9:16',
  landscape: '3:2',
};

function colourFrom(text: string): string | undefined {
  const m = new RegExp(`\\b(${COLOUR_NAMES})\\b|(#[0-9a-f]{6}\\b|#[0-9a-f]{3}\\b)`).exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

function positionFrom(text: string): TextPosition | undefined {
  const m = /\b(top|bottom|center|centre|middle)\b/.exec(text);
  if (!m) return undefined;
  return m[1] === 'top' ? 'top' : m[1] === 'bottom' ? 'bottom' : 'center';
}

const TEXT_TAIL = `(?:\\s+(?:(?:at|on|in|to|along|across)\\s+(?:the\\s+)?(?:very\\s+)?(?:top|bottom|center|centre|middle)(?:\\s+of\\s+(?:the\\s+)?(?:image|photo|picture))?|(?:in|with)\\s+(?:the\\s+colou?r\\s+)?(?:${COLOUR_NAMES})(?:\\s+(?:colou?r|letters|text|font))?))*`;

const NUM = '(\\d+(?:\\.\\d+)?)';

/** A resize by a factor or percentage, read the way people mean it ("upscale by 50%" = 1.5x, "shrink by 2x" = 0.5x). */
function scaleOp(value: number, unit: string | undefined, direction: 'up' | 'down' | 'neutral', prep: string | undefined): EditOperation | undefined {
  let scale: number;
  const percent = unit === '%' || unit === 'percent' || (!unit && value > 16);
  if (percent) {
    const f = value / 100;
    if (direction === 'down') scale = prep === 'to' ? f : 1 - f;
    else if (direction === 'up') scale = prep === 'to' ? f : 1 + f;
    else scale = f;
  } else {
    scale = direction === 'down' && value > 1 ? 1 / value : value;
  }
  if (!(scale > 0) || scale > 16) return undefined;
  return { op: 'resize', scale: round(scale, 4) };
}

/** The longer side of the usual named resolutions. */
const RESOLUTIONS: Record<string, number> = { '4k': 3840, uhd: 3840, 'ultra hd': 3840, '2k': 2560, qhd: 2560, '1080p': 1920, 'full hd': 1920, fhd: 1920, '720p': 1280, hd: 1280 };

/** Rules in priority order: earlier rules claim their words first. */
const RULES: Rule[] = [
  // A named resolution ("upscale to 4K"): the longer side, the shape kept. Before the scale rules read "4" as 4x.
  {
    re: /\b(?:(?:upscale|upsize|enlarge|upsample|resize|rescale|scale(?:\s+it)?(?:\s+up)?|make|export|convert)\s+(?:it\s+|the\s+(?:image|photo|picture)\s+)?(?:to|in|into|at|as)\s+)?(4k|uhd|ultra\s+hd|2k|qhd|1080p|full\s+hd|fhd|720p|hd)\b(?:\s+(?:resolution|res|size|quality))?/g,
    build: (m) => ({ op: 'resize', longSide: RESOLUTIONS[m[1]!.replace(/\s+/g, ' ')]! }),
  },
  // Zoom: the centre, enlarged back to the image's size.
  {
    re: new RegExp(
      `\\b(?:zoom(?:ed)?(?:\\s+in\\b)?|punch\\s+in|close[\\s-]?up)(?:\\s+(?:on|to|into|at)\\s+(?:the\\s+)?(?:centre|center|middle)(?:\\s+of\\s+(?:the\\s+)?(?:image|photo|picture))?)?(?:\\s+(?:by\\s+)?${NUM}\\s*(x|times|%|percent)?)?`,
      'g',
    ),
    build(m) {
      const value = m[1] === undefined ? 2 : Number(m[1]);
      const factor = m[2] === '%' || m[2] === 'percent' ? value / 100 : value;
      return factor > 1 && factor <= 8 ? { op: 'zoom', factor: round(factor, 3) } : undefined;
    },
  },
  // Vignette, including "darken the edges" (before brightness claims "darken").
  {
    re: /\b(?:vignette|vignetting)\b|\b(?:darken|darker|dark|shade)\s+(?:the\s+)?(?:edges|corners|borders|sides)\b/g,
    build: (_m, ctx) => ({ op: 'vignette', amount: round(Math.min(1, 0.5 * ctx.intensity)) }),
  },
  // Black and white (before saturation claims "desaturate").
  {
    re: /\b(?:grayscale|greyscale|gray\s*scale|grey\s*scale|monochrome|monochromatic|mono|noir|bw)\b|\b(?:fully|completely|totally)\s+desaturated?\b|\bdesaturated?\s+(?:it\s+)?(?:fully|completely|totally)\b|\b(?:remove|drop|strip|no|without)\s+(?:all\s+)?(?:the\s+)?colou?rs?\b/g,
    build: () => ({ op: 'grayscale' }),
  },
  // Crop to a named or numeric aspect.
  {
    re: new RegExp(
      `\\b(?:(?:crop|cut|trim|make|reframe|frame)\\s+(?:it\\s+|the\\s+(?:image|photo|picture)\\s+)?(?:in\\s+|to\\s+|into\\s+|as\\s+)?(?:an?\\s+)?)?(?:${NUM}\\s*(?::|x|/|by|to)\\s*${NUM}|(square|widescreen|cinematic|ultrawide|panorama|panoramic|portrait|instagram|story|landscape))\\b(?:\\s+(?:aspect(?:\\s+ratio)?|ratio|format|crop|shape|proportions?))?(?:\\s+(?:crop|cropped))?`,
      'g',
    ),
    build(m, ctx) {
      const text = m[0];
      const explicitCrop = /\b(crop|cut|trim|aspect|ratio|format|reframe|cropped|frame)\b/.test(text) || /\bcrop\b/.test(ctx.clause);
      if (m[3]) {
        if (!explicitCrop && m[3] !== 'square' && !/\bmake\b/.test(text)) return undefined;
        return { op: 'crop', aspect: ASPECT_NAMES[m[3]] };
      }
      const a = Number(m[1]);
      const b = Number(m[2]);
      // "800x600" is a size, not a ratio; ratios are small numbers or written with a colon.
      const colon = /\d\s*:\s*\d/.test(text);
      if (!colon && (!explicitCrop || a > 64 || b > 64)) return undefined;
      if (!(a > 0 && b > 0) || a / b > 20 || b / a > 20) return undefined;
      return { op: 'crop', aspect: `${m[1]}:${m[2]}` };
    },
  },
  // Resize to explicit dimensions.
  {
    re: new RegExp(`\\b(?:resize|rescale|scale|size|make)\\s+(?:it\\s+|the\\s+(?:image|photo|picture)\\s+)?(?:to\\s+|into\\s+)?${NUM}\\s*(?:x|by|\\*)\\s*${NUM}\\s*(?:px|pixels)?`, 'g'),
    build: (m) => ({ op: 'resize', width: Math.round(Number(m[1])), height: Math.round(Number(m[2])) }),
  },
  {
    re: new RegExp(`\\b${NUM}\\s*(?:px|pixels)?\\s+(wide|width|across|tall|high|height)\\b|\\b(width|height)\\s+(?:of\\s+|to\\s+)?${NUM}\\s*(?:px|pixels)?`, 'g'),
    build(m) {
      const value = Math.round(Number(m[1] ?? m[4]));
      const dim = m[2] ?? m[3];
      return /wide|width|across/.test(dim) ? { op: 'resize', width: value } : { op: 'resize', height: value };
    },
  },
  {
    re: /\b(?:shrink|downscale|downsize|scale\s+(?:it\s+)?down|reduce|cut)\s+(?:it\s+|the\s+(?:size|image|photo|picture)\s+)?(?:by\s+|in\s+)?(?:a\s+)?half\b/g,
    build: () => ({ op: 'resize', scale: 0.5 }),
  },
  // Scale up / down.
  {
    re: new RegExp(
      `\\b(upscale|upsize|enlarge|upsample|scale\\s+(?:it\\s+)?up|make\\s+(?:it\\s+)?(?:bigger|larger)|increase\\s+(?:the\\s+)?(?:size|resolution)|downscale|downsize|shrink|scale\\s+(?:it\\s+)?down|make\\s+(?:it\\s+)?smaller|reduce\\s+(?:the\\s+)?(?:size|resolution)|resize|rescale|scale)\\b(?:\\s+(?:it|the\\s+(?:image|photo|picture)))?(?:\\s+(by|to))?(?:\\s+(?:a\\s+factor\\s+of\\s+)?${NUM}\\s*(x|times|%|percent)?)?`,
      'g',
    ),
    build(m) {
      const verb = m[1];
      const down = /down|shrink|smaller|reduce/.test(verb);
      const up = /up|enlarge|bigger|larger|increase/.test(verb);
      const prep = m[2];
      const value = m[3] === undefined ? undefined : Number(m[3]);
      const unit = m[4];
      if (value === undefined) {
        if (/^(resize|rescale|scale)$/.test(verb)) return undefined;
        return { op: 'resize', scale: down ? 0.5 : 2 };
      }
      return scaleOp(value, unit, down ? 'down' : up ? 'up' : 'neutral', prep);
    },
  },
  {
    re: new RegExp(`\\b${NUM}\\s*(%|percent|x|times)\\s+(smaller|bigger|larger)\\b`, 'g'),
    build: (m) => scaleOp(Number(m[1]), m[2], m[3] === 'smaller' ? 'down' : 'up', 'by'),
  },
  {
    re: /\b(double|triple|quadruple|halve)\s+(?:the\s+)?(?:size|resolution|dimensions)\b|\bhalf\s+(?:the\s+)?size\b|\b(twice|three times|four times)\s+(?:as\s+)?(?:big|large)\b/g,
    build(m) {
      const w = m[1] ?? m[2] ?? 'half';
      const scale = /double|twice/.test(w) ? 2 : /triple|three/.test(w) ? 3 : /quadruple|four/.test(w) ? 4 : 0.5;
      return { op: 'resize', scale };
    },
  },
  // Flip (before rotate, so "flip upside down" is a flip).
  {
    re: /\b(?:flip|flipped|mirror|mirrored|reflect)\b(?:\s+(?:it|the\s+(?:image|photo|picture)|image|photo|picture))?(?:\s+(horizontally|horizontal|vertically|vertical|sideways|left\s+to\s+right|right\s+to\s+left|top\s+to\s+bottom|bottom\s+to\s+top|upside\s*down|on\s+the\s+[xy]\s+axis))?|\b(horizontal|vertical)(?:ly)?\s+(?:flip|mirror)\b/g,
    build(m) {
      const d = m[1] ?? m[2] ?? 'horizontal';
      return { op: 'flip', direction: /vertical|top|bottom|upside|x\s+axis/.test(d) ? 'vertical' : 'horizontal' };
    },
  },
  // Rotate.
  {
    re: new RegExp(
      `\\b(rotate|rotated|rotation|turn|spin|tilt)\\b(?:\\s+(?:it|the\\s+(?:image|photo|picture)|image|photo|picture))?(?:\\s+(?:by\\s+)?(-?${NUM.slice(1, -1)})\\s*(?:degrees?|deg|°)?)?(?:\\s+(clockwise|cw|counter\\s*-?\\s*clockwise|anti\\s*-?\\s*clockwise|ccw|(?:to\\s+the\\s+)?left|(?:to\\s+the\\s+)?right))?`,
      'g',
    ),
    build(m) {
      const verb = m[1];
      const deg = m[2] === undefined ? undefined : Number(m[2]);
      const dir = m[3];
      if (deg === undefined && !dir && verb !== 'rotate' && verb !== 'rotation') return undefined;
      const ccw = dir ? /counter|anti|ccw|left/.test(dir) : false;
      const amount = deg ?? 90;
      return { op: 'rotate', degrees: ccw ? -amount : amount };
    },
  },
  { re: /\b(?:upside\s*down|half\s+turn)\b/g, build: () => ({ op: 'rotate', degrees: 180 }) },
  { re: /\bquarter\s+turn\b/g, build: () => ({ op: 'rotate', degrees: 90 }) },
  // Text: needs a quoted string, or "add text/caption saying X" without quotes (to the end of the clause).
  {
    re: new RegExp(
      `\\b(?:(?:add|put|write|insert|overlay|place|include|type|stamp)\\s+(?:a\\s+|the\\s+|some\\s+)?(?:(?:big|small|large|bold|${COLOUR_NAMES})\\s+)?(?:text|caption|title|label|words?|heading|quote|subtitle|message)?(?:\\s+(?:saying|that\\s+says|reading|which\\s+says|with|of))?|(?:text|caption|title|label|heading|subtitle|message)(?:\\s+(?:saying|that\\s+says|reading))?)\\s*:?\\s*(§\\d+§)${TEXT_TAIL}|\\b(?:add|put|write|insert)\\s+(?:a\\s+|the\\s+)?(?:text|caption|title|label|heading|subtitle)\\s*(?::|saying|that\\s+says|reading)?\\s+([^§]+)$`,
      'g',
    ),
    build(m, ctx) {
      let text: string | undefined;
      if (m[1]) text = ctx.quotes[Number(m[1].slice(1, -1))]?.trim();
      else if (m[2]) text = ctx.original.slice(m.index + m[0].length - m[2].length, m.index + m[0].length).trim();
      if (!text) return undefined;
      const op: EditOperation = { op: 'text', text };
      if (m[1]) {
        const position = positionFrom(m[0]);
        if (position) op.position = position;
        const colour = colourFrom(m[0]);
        if (colour) op.color = colour;
      }
      return op;
    },
  },
  // Border / frame.
  {
    re: new RegExp(
      `\\b(?:${NUM}\\s*(px|pixels?|%|percent)\\s+)?(?:(thin|thick|wide|narrow|small|big|large|fat|slim|heavy|subtle)\\s+)?(?:(${COLOUR_NAMES}|#[0-9a-f]{6}|#[0-9a-f]{3})\\s+)?(?:border|frame|matte|passe-partout)s?\\b(?:\\s+(?:of\\s+)?${NUM}\\s*(px|pixels?|%|percent))?(?:\\s+(?:in|of|colou?red)\\s+(${COLOUR_NAMES}|#[0-9a-f]{6}|#[0-9a-f]{3}))?`,
      'g',
    ),
    build(m) {
      const value = m[1] ?? m[5];
      const unit = m[2] ?? m[6];
      const size = m[3];
      const color = m[4] ?? m[7] ?? 'white';
      if (value !== undefined) {
        const v = Number(value);
        if (unit && /%|percent/.test(unit)) return { op: 'border', width: round(Math.min(25, Math.max(0.1, v)), 2), unit: 'percent', color };
        return { op: 'border', width: Math.min(1024, Math.max(1, Math.round(v))), color };
      }
      const width = size && /thin|narrow|small|slim|subtle/.test(size) ? 1.5 : size ? 6 : 3;
      return { op: 'border', width, unit: 'percent', color };
    },
  },
  { re: /\b(?:sepia|vintage|old[\s-]fashioned|old\s+photo|antique|aged)\b(?:\s+(?:look|tone|effect|style))?/g, build: () => ({ op: 'sepia' }) },
  {
    re: /\b(?:invert|inverted|inverse|negative)\b(?:\s+(?:the\s+)?colou?rs?)?|\bnegative\s+(?:image|effect)\b/g,
    build: () => ({ op: 'invert' }),
  },
  // Less blur means sharper.
  {
    re: /\b(?:less|reduce|reduced|remove|decrease)\s+(?:the\s+)?(?:blur|blurry|blurriness|softness)\b|\b(?:unblur|deblur|sharpen|sharper|sharpened|crisper|crisp|more\s+detail(?:ed)?|enhance\s+(?:the\s+)?details?|clarity|more\s+definition|in\s+focus)\b/g,
    build: (_m, ctx) => ({ op: 'sharpen', sigma: round(Math.min(10, Math.max(0.3, 1.2 * ctx.intensity)), 2) }),
  },
  {
    re: new RegExp(`\\b(?:blur|blurred|blurry|blurrier|soften|softer|soft\\s+focus|defocus(?:ed)?|out\\s+of\\s+focus|gaussian|dreamy\\s+blur)\\b(?:\\s+(?:it|the\\s+(?:image|photo|picture|background)))?(?:\\s+(?:by\\s+|radius\\s+|sigma\\s+)?${NUM}\\s*(?:px|pixels?)?)?`, 'g'),
    build(m, ctx) {
      const explicit = m[1] === undefined ? undefined : Number(m[1]);
      const sigma = explicit ?? 3 * ctx.intensity;
      return { op: 'blur', sigma: round(Math.min(100, Math.max(0.3, sigma)), 2) };
    },
  },
  adjustment('brightness', 'brighter|brighten|brightened|lighten|lighter|lightened|bright|more\\s+light|light\\s+up', 'darker|darken|darkened|dim|dimmer|dark', 'brightness|exposure|exposed'),
  adjustment('contrast', 'contrasty|punchier|punchy', 'flatter', 'contrast'),
  adjustment('saturation', 'saturate|saturated|vibrant|vivid|colorful|colourful|more\\s+colou?r|richer\\s+colou?rs?|pop', 'desaturate|desaturated|muted|mute|dull|duller|washed\\s+out|faded|fade', 'saturation|vibrance|colorfulness|colourfulness'),
  adjustment('temperature', 'warmer|warm|warmth|warm\\s+up|golden', 'cooler|cool|colder|cold|cool\\s+down|icier|bluer', 'temperature|white\\s+balance'),
];

const PERCENT_RE = /(?:\bby\s+)?([+-]?\d+(?:\.\d+)?)\s*(%|percent\b)|\bby\s+([+-]?\d+(?:\.\d+)?)\b/g;

interface Found {
  start: number;
  end: number;
  ops: EditOperation[];
}

function extractQuotes(text: string): { text: string; quotes: string[] } {
  const quotes: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|«([^»]*)»|‘([^’]*)’|(?<![\p{L}\p{N}])'([^']*)'(?![\p{L}\p{N}])/gu;
  const replaced = text.replace(re, (...groups: unknown[]) => {
    const inner = (groups.slice(1, 6).find((g) => typeof g === 'string') as string | undefined) ?? '';
    quotes.push(inner);
    return ` §${quotes.length - 1}§ `;
  });
  return { text: replaced, quotes };
}

const SPLIT_RE = /[,;!?\n]+|\.(?!\d)|\b(?:and\s+then|and\s+also|after\s+that|and|then|also|plus|finally|next)\b|&/i;

function normaliseClause(text: string): string {
  return text
    .replace(/[’`´]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/×/g, 'x')
    .replace(/°/g, ' degrees ')
    .replace(/(\d)\s*x\s*(\d)/g, '$1 x $2')
    .replace(/[^\p{L}\p{N}§:%#+\-./\s']/gu, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseClause(original: string, quotes: string[]): { ops: EditOperation[]; leftover: string[] } {
  const norm = normaliseClause(original);
  const lower = norm.toLowerCase();
  const source = lower.length === norm.length ? norm : lower;
  const ctx: Ctx = { clause: lower, original: source, quotes, intensity: intensity(lower) };
  const claimed: boolean[] = new Array(lower.length).fill(false);
  const found: Found[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(lower)) !== null) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      // Trim leading spaces of the match so claims are exact.
      const start = m.index;
      const end = m.index + m[0].length;
      let overlap = false;
      for (let i = start; i < end; i++) {
        if (claimed[i]) {
          overlap = true;
          break;
        }
      }
      if (overlap) {
        rule.re.lastIndex = m.index + 1;
        continue;
      }
      const built = rule.build(m, ctx);
      if (!built) {
        rule.re.lastIndex = m.index + 1;
        continue;
      }
      for (let i = start; i < end; i++) claimed[i] = true;
      found.push({ start, end, ops: Array.isArray(built) ? built : [built] });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const ops = found.flatMap((f) => f.ops);

  // An explicit percentage sets the amount of a single adjustment in the clause ("20% brighter").
  const adjustable = ops.filter((o) => o.op === 'brightness' || o.op === 'contrast' || o.op === 'saturation' || o.op === 'temperature' || o.op === 'vignette');
  if (adjustable.length === 1) {
    PERCENT_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PERCENT_RE.exec(lower)) !== null) {
      let free = true;
      for (let i = m.index; i < m.index + m[0].length; i++) if (claimed[i]) free = false;
      if (!free) continue;
      const value = Number(m[1] ?? m[3]);
      const fraction = Math.abs(value) > 1 ? value / 100 : value;
      const target = adjustable[0] as { op: string; amount: number };
      const sign = target.amount < 0 ? -1 : 1;
      target.amount = target.op === 'vignette' ? round(Math.min(1, Math.abs(fraction))) : clampAmount(sign * Math.abs(fraction) * (value < 0 ? -1 : 1));
      for (let i = m.index; i < m.index + m[0].length; i++) claimed[i] = true;
      break;
    }
  }

  let rest = '';
  for (let i = 0; i < lower.length; i++) rest += claimed[i] ? ' ' : lower[i];
  const leftover = rest
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}§#]+|[^\p{L}\p{N}§#%]+$/gu, ''))
    .filter((w) => w && !FILLER.has(w) && !/^(a|an|the)$/.test(w));
  return { ops, leftover };
}

export function parseInstruction(text: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return { error: 'The instruction is empty. Describe the edit, for example "make it warmer and add a vignette".', understood: UNDERSTOOD_INSTRUCTIONS };
  }
  if (text.length > 1000) {
    return { error: 'The instruction is too long (at most 1000 characters).', understood: UNDERSTOOD_INSTRUCTIONS };
  }
  const { text: withoutQuotes, quotes } = extractQuotes(text.replace(/\bblack\s*(?:and|&|n|'n')\s*white\b|\bb\s*[&/]\s*w\b/gi, ' grayscale '));
  const clauses = hanToEnglish(withoutQuotes).split(SPLIT_RE).map((c) => c.trim()).filter(Boolean);
  const operations: EditOperation[] = [];
  const unknown: string[] = [];
  for (const clause of clauses) {
    const { ops, leftover } = parseClause(clause, quotes);
    operations.push(...ops);
    if (leftover.length > 0) {
      const words = leftover.map((w) => w.replace(/§(\d+)§/g, (_s, i: string) => `"${quotes[Number(i)]}"`));
      unknown.push(words.join(' '));
    }
  }
  if (unknown.length > 0) {
    return {
      error: `Could not understand: ${unknown.map((u) => `"${u}"`).join(', ')}. Classic edits understand: ${UNDERSTOOD_INSTRUCTIONS.slice(0, 17).join('; ')}.`,
      understood: UNDERSTOOD_INSTRUCTIONS,
    };
  }
  if (operations.length === 0) {
    return { error: `No edit found in "${text.trim()}". Try for example "make it brighter" or "crop to 16:9".`, understood: UNDERSTOOD_INSTRUCTIONS };
  }
  if (operations.length > 20) {
    return { error: 'Too many edits in one instruction (at most 20).', understood: UNDERSTOOD_INSTRUCTIONS };
  }
  return { operations };
}
