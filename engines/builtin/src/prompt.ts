/**
 * Reads a free-text prompt into the few things the procedural renderer understands:
 * palette themes (time of day, setting, mood), colour words, subject motifs and a style hint.
 */
import { hanToWords, hasHan } from './prompt-han.js';
import {
  COLOUR_WORDS, EXCLUDING_WORDS, FLOWER_COLOURS, MONOCHROME_PAIR, MONOCHROME_WORDS, MOTIF_WORDS, NUMBER_WORDS, SELF_COLOURED, STOP_WORDS, STYLE_WORDS, THEME_WORDS,
} from './prompt-words.js';
import type { ColourWord, MotifId, ThemeId } from './prompt-types.js';

export type { ColourWord, MotifId, ThemeId } from './prompt-types.js';

export type ThemeCategory = 'time' | 'setting' | 'mood';

export interface PromptInfo {
  /** Normalised words in order. */
  words: string[];
  themes: ThemeId[];
  /** Colours of the scene (its palette): every colour word but those that only colour a subject ("a red car"). */
  colours: ColourWord[];
  motifs: MotifId[];
  /**
   * How many of a subject the prompt asks for: a number ("two horses", "three red cars"), or 'several' for a plural
   * without one ("horses", "a herd of deer").
   */
  counts: Partial<Record<MotifId, number | 'several'>>;
  /** A colour named right before a subject ("a red car", "a white horse"): the subject's own colour. */
  tints: Partial<Record<MotifId, ColourWord>>;
  /**
   * The second of two colours named before a subject ("a black and white cow": tint black, markings white): its
   * patches, spots or collar. Each subject decides which of the two is its ground colour.
   */
  markings: Partial<Record<MotifId, ColourWord>>;
  /** The colour the prompt gives the sky ("under a blue sky"): it colours the sky, and sets the time of day it implies. */
  skyColour?: ColourWord;
  /** Motifs the prompt explicitly excludes ("no clouds", "without sun"). */
  excluded: MotifId[];
  styleHint?: string;
  /** The whole picture in black and white ("a black and white photo of a city", "monochrome", "grayscale"). */
  monochrome: boolean;
  /** Words that matched nothing (used only to seed fallbacks). */
  unknown: string[];
}

export const THEME_CATEGORY: Readonly<Record<ThemeId, ThemeCategory>> = {
  sunset: 'time',
  dawn: 'time',
  day: 'time',
  night: 'time',
  ocean: 'setting',
  forest: 'setting',
  autumn: 'setting',
  winter: 'setting',
  spring: 'setting',
  desert: 'setting',
  tropical: 'setting',
  space: 'setting',
  aurora: 'setting',
  fire: 'setting',
  neon: 'mood',
  calm: 'mood',
  gloomy: 'mood',
  golden: 'mood',
  dreamy: 'mood',
};

/** Lower-case, strip punctuation (keeping letters from any script and digits), collapse spaces. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Candidate dictionary forms of a word: itself and naive singulars. */
function forms(word: string): string[] {
  const out = [word];
  if (word.length > 3 && word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.length > 3 && word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.length > 2 && word.endsWith('s')) out.push(word.slice(0, -1));
  return out;
}

function lookup<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  for (const form of forms(word)) {
    if (Object.prototype.hasOwnProperty.call(table, form)) return table[form];
  }
  return undefined;
}

const SKY_WORDS: ReadonlySet<string> = new Set(['sky', 'skies']);

/** The time of day a sky's colour says: blue is day, red to gold is sunset, black is night; others say none. */
function timeOfSky({ hue, lightness }: ColourWord): ThemeId | undefined {
  if (lightness !== undefined && lightness < 0.2) return 'night';
  if (hue === undefined) return undefined;
  if (hue >= 170 && hue <= 255) return 'day';
  return hue >= 330 || hue <= 55 ? 'sunset' : undefined;
}

const countUse = (counts: Map<string, number>, word: string): void => {
  counts.set(word, (counts.get(word) ?? 0) + 1);
};

const pushUnique = <T>(list: T[], item: T): void => {
  if (!list.includes(item)) list.push(item);
};

export function analysePrompt(prompt: string): PromptInfo {
  const words = normaliseText(prompt).split(' ').filter(Boolean).flatMap((w) => (hasHan(w) ? hanToWords(w) : [w]));
  const info: PromptInfo = { words, themes: [], colours: [], motifs: [], excluded: [], unknown: [], tints: {}, markings: {}, counts: {}, monochrome: false };
  let negate = false;
  /** The colour word just before this word, if any. */
  let lastColour: ColourWord | undefined;
  /**
   * Two colours joined by "and" ("black and white"): from the "and" until the word after the second colour, which may
   * take them as a subject's two colours.
   */
  let colourPair: { first: ColourWord; second?: ColourWord } | undefined;
  /** How often each colour word is named, and how often for something other than the scene's palette. */
  const uses = new Map<string, number>();
  const claimed = new Map<string, number>();
  /** A pair of colours not taken by a subject: "black and white" before anything else makes the picture monochrome. */
  const pairLeft = ({ first, second }: { first: ColourWord; second?: ColourWord }): void => {
    if (!second || !MONOCHROME_PAIR.has(`${first.word} ${second.word}`)) return;
    info.monochrome = true;
    countUse(claimed, first.word);
    countUse(claimed, second.word);
  };
  /** A number word waiting for its subject ("two", "a herd of"), and where it was: up to three words may come between. */
  let pendingCount: number | 'several' | undefined;
  let pendingAt = 0;
  /** Records what a word or phrase names; whether it named anything. */
  const record = (text: string, withColour: boolean): boolean => {
    const theme = lookup(THEME_WORDS, text);
    const motifs = lookup(MOTIF_WORDS, text);
    const style = lookup(STYLE_WORDS, text);
    const ruledOut = lookup(EXCLUDING_WORDS, text);
    const colour = withColour ? lookup(COLOUR_WORDS, text) : undefined;
    const named = Boolean(theme || motifs || style || ruledOut || colour);
    // A phrase that names nothing leaves no trace: the word alone is tried next.
    if (!named && !withColour) return false;
    if (theme && !negate) pushUnique(info.themes, theme);
    if (motifs) for (const m of motifs) pushUnique(negate ? info.excluded : info.motifs, m);
    if (motifs?.length && lastColour && !negate) {
      if (SKY_WORDS.has(text)) {
        info.skyColour ??= lastColour;
        countUse(claimed, lastColour.word);
      } else {
        const first = colourPair?.second ? colourPair.first : undefined;
        info.tints[motifs[0]!] ??= first ?? lastColour;
        if (first) info.markings[motifs[0]!] ??= lastColour;
        if (SELF_COLOURED.has(motifs[0]!)) for (const c of first ? [first, lastColour] : [lastColour]) countUse(claimed, c.word);
        if (first) colourPair = undefined;
      }
    }
    const flowerColour = motifs?.includes('flowers') && !negate ? lookup(FLOWER_COLOURS, text) : undefined;
    if (flowerColour) info.tints.flowers ??= { word: text, ...flowerColour };
    if (motifs?.length && !negate) {
      // A plural is a word that matched only once its ending was taken off ("horses", "foxes").
      const plural = withColour && !Object.prototype.hasOwnProperty.call(MOTIF_WORDS, text);
      const count = pendingCount ?? (plural ? 'several' : undefined);
      if (count !== undefined) info.counts[motifs[0]!] ??= count;
    }
    if (motifs?.length || (named && !colour)) pendingCount = undefined;
    if (ruledOut) for (const m of ruledOut) pushUnique(info.excluded, m);
    if (style && !negate) info.styleHint ??= style;
    if (MONOCHROME_WORDS.has(text) && !negate) info.monochrome = true;
    lastColour = colour && !negate ? { word: text, ...colour } : undefined;
    if (lastColour) countUse(uses, text);
    if (lastColour && !info.colours.some((c) => c.word === text)) info.colours.push(lastColour);
    return named;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === 'no' || word === 'without' || word === 'not') {
      negate = true;
      continue;
    }
    if (word === 'and' && lastColour && i + 1 < words.length && lookup(COLOUR_WORDS, words[i + 1]!)) {
      colourPair = { first: lastColour };
      continue;
    }
    const triple = i + 2 < words.length ? `${word} ${words[i + 1]} ${words[i + 2]}` : '';
    const pair = i + 1 < words.length ? `${word} ${words[i + 1]}` : '';
    const joined = i + 1 < words.length ? `${word}${words[i + 1]}` : '';
    // Phrases first (longest first), then the word alone; only a single word can be a colour.
    const phrase = [triple, pair, joined].findIndex((candidate) => candidate !== '' && record(candidate, false));
    const number = phrase < 0 ? NUMBER_WORDS[word] : undefined;
    if (i - pendingAt > 4) pendingCount = undefined;
    const matched = phrase >= 0 || record(word, true) || number !== undefined;
    if (number !== undefined) [pendingCount, pendingAt] = [number, i];
    if (!matched && !STOP_WORDS.has(word)) info.unknown.push(word);
    i += phrase === 0 ? 2 : phrase > 0 ? 1 : 0;
    negate = false;
    if (colourPair && !colourPair.second) colourPair.second = lastColour;
    else if (colourPair) {
      pairLeft(colourPair);
      colourPair = undefined;
    }
  }
  if (colourPair) pairLeft(colourPair);
  const skyTime = info.skyColour && !info.themes.some((t) => THEME_CATEGORY[t] === 'time') ? timeOfSky(info.skyColour) : undefined;
  if (skyTime) info.themes.push(skyTime);
  info.motifs = info.motifs.filter((m) => !info.excluded.includes(m));
  info.colours = info.colours.filter((c) => (claimed.get(c.word) ?? 0) < uses.get(c.word)!);
  return info;
}
