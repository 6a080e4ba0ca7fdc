/** The words the prompt reader knows: themes, colours, subjects, exclusions, styles, numbers, and words it skips. */
import type { ColourWord, MotifId, ThemeId } from './prompt-types.js';

export const THEME_WORDS: Readonly<Record<string, ThemeId>> = {
  sunset: 'sunset', dusk: 'sunset', evening: 'sunset', twilight: 'sunset', 'golden hour': 'golden',
  sunrise: 'dawn', dawn: 'dawn', morning: 'dawn', daybreak: 'dawn',
  day: 'day', daytime: 'day', noon: 'day', midday: 'day', sunny: 'day', summer: 'day', afternoon: 'day',
  night: 'night', midnight: 'night', nighttime: 'night', nocturnal: 'night', starry: 'night', starlit: 'night',
  moonlit: 'night', moonlight: 'night',
  ocean: 'ocean', sea: 'ocean', marine: 'ocean', beach: 'ocean', coast: 'ocean', coastal: 'ocean', nautical: 'ocean',
  underwater: 'ocean', lagoon: 'ocean', bay: 'ocean', seaside: 'ocean',
  forest: 'forest', woods: 'forest', woodland: 'forest', jungle: 'forest', nature: 'forest', rainforest: 'forest',
  neon: 'neon', cyberpunk: 'neon', synthwave: 'neon', vaporwave: 'neon', retrowave: 'neon', electric: 'neon',
  futuristic: 'neon', cyber: 'neon', disco: 'neon', outrun: 'neon',
  calm: 'calm', serene: 'calm', peaceful: 'calm', tranquil: 'calm', quiet: 'calm', gentle: 'calm', relaxing: 'calm',
  zen: 'calm', still: 'calm', soothing: 'calm',
  gloomy: 'gloomy', moody: 'gloomy', dark: 'gloomy', sad: 'gloomy', melancholy: 'gloomy', melancholic: 'gloomy',
  grim: 'gloomy', stormy: 'gloomy', storm: 'gloomy', foggy: 'gloomy', fog: 'gloomy', overcast: 'gloomy',
  bleak: 'gloomy', eerie: 'gloomy', haunted: 'gloomy', gothic: 'gloomy', rainy: 'gloomy', rain: 'gloomy', drizzle: 'gloomy',
  downpour: 'gloomy',
  golden: 'golden', gold: 'golden', amber: 'golden', honey: 'golden', warm: 'golden', glowing: 'golden',
  autumn: 'autumn', fall: 'autumn', autumnal: 'autumn', harvest: 'autumn', october: 'autumn', rust: 'autumn',
  winter: 'winter', snow: 'winter', snowy: 'winter', frozen: 'winter', ice: 'winter', icy: 'winter', arctic: 'winter',
  cold: 'winter', frost: 'winter', frosty: 'winter', christmas: 'winter', 'christmas tree': 'winter', 'xmas tree': 'winter', xmas: 'winter', snowman: 'winter', polar: 'winter', glacier: 'winter',
  spring: 'spring', blossom: 'spring', cherry: 'spring', sakura: 'spring', bloom: 'spring', fresh: 'spring',
  easter: 'spring', meadow: 'spring',
  desert: 'desert', dune: 'desert', sahara: 'desert', sand: 'desert', arid: 'desert', canyon: 'desert', mars: 'desert',
  tropical: 'tropical', paradise: 'tropical', island: 'tropical', palm: 'tropical', caribbean: 'tropical',
  dreamy: 'dreamy', fairy: 'dreamy', fantasy: 'dreamy', magical: 'dreamy', whimsical: 'dreamy', enchanted: 'dreamy',
  lavender: 'dreamy', ethereal: 'dreamy', dream: 'dreamy', surreal: 'dreamy',
  fire: 'fire', lava: 'fire', volcano: 'fire', inferno: 'fire', burning: 'fire', flame: 'fire', hell: 'fire',
  volcanic: 'fire', apocalypse: 'fire',
  space: 'space', galaxy: 'space', cosmic: 'space', nebula: 'space', universe: 'space', cosmos: 'space',
  planet: 'space', outer: 'space', interstellar: 'space', astronaut: 'space', 'on the moon': 'space', 'on moon': 'space',
  'lunar surface': 'space', 'moon surface': 'space', 'moon landing': 'space', moonscape: 'space', moonwalk: 'space',
  aurora: 'aurora', borealis: 'aurora', 'northern lights': 'aurora',
};

export const COLOUR_WORDS: Readonly<Record<string, Omit<ColourWord, 'word'>>> = {
  red: { hue: 0 }, crimson: { hue: 350 }, scarlet: { hue: 5 }, ruby: { hue: 348 }, maroon: { hue: 350, lightness: 0.3 },
  orange: { hue: 28 }, tangerine: { hue: 25 }, coral: { hue: 12, lightness: 0.65 }, peach: { hue: 25, lightness: 0.78 },
  amber: { hue: 40 }, yellow: { hue: 52 }, lemon: { hue: 55 }, mustard: { hue: 48, saturation: 0.6 },
  lime: { hue: 85 }, green: { hue: 125 }, emerald: { hue: 145 }, mint: { hue: 155, lightness: 0.75 },
  olive: { hue: 70, saturation: 0.4 }, jade: { hue: 150 }, sage: { hue: 110, saturation: 0.25 },
  teal: { hue: 178 }, turquoise: { hue: 172 }, cyan: { hue: 188 }, aqua: { hue: 183 },
  blue: { hue: 215 }, azure: { hue: 205 }, cobalt: { hue: 220 }, sapphire: { hue: 222 }, navy: { hue: 228, lightness: 0.22 },
  indigo: { hue: 250 }, purple: { hue: 275 }, violet: { hue: 268 }, lilac: { hue: 280, lightness: 0.75 },
  plum: { hue: 295, lightness: 0.35 }, magenta: { hue: 310 }, fuchsia: { hue: 315 }, pink: { hue: 335, lightness: 0.72 },
  rose: { hue: 345 }, brown: { hue: 25, saturation: 0.45, lightness: 0.3 }, chocolate: { hue: 20, lightness: 0.25 },
  beige: { hue: 40, saturation: 0.35, lightness: 0.82 }, cream: { hue: 45, saturation: 0.5, lightness: 0.9 },
  copper: { hue: 22, saturation: 0.65 }, bronze: { hue: 32, saturation: 0.55 }, silver: { saturation: 0.05, lightness: 0.75 },
  white: { saturation: 0, lightness: 0.95 }, black: { saturation: 0, lightness: 0.06 },
  grey: { saturation: 0, lightness: 0.5 }, gray: { saturation: 0, lightness: 0.5 },
  monochrome: { saturation: 0, lightness: 0.5 },
};

export const MOTIF_WORDS: Readonly<Record<string, MotifId[]>> = {
  mountain: ['mountains'], peak: ['mountains'], alps: ['mountains'], alpine: ['mountains'], summit: ['mountains'],
  range: ['mountains'], cliff: ['mountains'], himalaya: ['mountains'], volcano: ['mountains'], rocky: ['mountains'],
  fuji: ['mountains'], glacier: ['mountains'],
  hill: ['hills'], valley: ['hills'], countryside: ['hills'], field: ['hills'], farmland: ['hills'],
  landscape: ['hills'], rolling: ['hills'], prairie: ['hills'], grassland: ['hills'], scenery: ['hills'],
  meadow: ['hills', 'flowers'],
  sea: ['sea'], ocean: ['sea'], wave: ['sea'], beach: ['sea'], coast: ['sea'], shore: ['sea'], bay: ['sea'],
  harbor: ['sea'], harbour: ['sea'], seaside: ['sea'], water: ['sea'], surf: ['sea'], lagoon: ['sea'],
  lake: ['lake'], river: ['lake'], pond: ['lake'], reflection: ['lake'], fjord: ['lake', 'mountains'],
  sun: ['sun'], sunny: ['sun'], sunset: ['sun'], sunrise: ['sun'], dawn: ['sun'], dusk: ['sun'], sunlight: ['sun'],
  moon: ['moon'], moonlit: ['moon'], moonlight: ['moon'], lunar: ['moon'], crescent: ['moon'], moonrise: ['moon'],
  star: ['stars'], starry: ['stars'], galaxy: ['stars'], constellation: ['stars'], cosmos: ['stars'],
  universe: ['stars'], space: ['stars'], nebula: ['stars'], starlit: ['stars'], milky: ['stars'],
  city: ['city'], skyline: ['city'], town: ['city'], urban: ['city'], building: ['city'], downtown: ['city'],
  metropolis: ['city'], skyscraper: ['city'], street: ['city'], cyberpunk: ['city'], tokyo: ['city'],
  york: ['city'], architecture: ['city'],
  tower: ['tower'], watchtower: ['tower'], turret: ['tower'], 'bell tower': ['tower'], 'clock tower': ['tower'],
  forest: ['forest'], wood: ['forest'], woods: ['forest'], pine: ['forest'], woodland: ['forest'], jungle: ['forest'],
  taiga: ['forest'], spruce: ['forest'], fir: ['forest'], rainforest: ['forest'],
  tree: ['tree'], oak: ['tree'], willow: ['tree'], bonsai: ['tree'],
  flower: ['flowers'], garden: ['flowers'], blossom: ['flowers'], bloom: ['flowers'], tulip: ['flowers'],
  rose: ['flowers'], daisy: ['flowers'], daisie: ['flowers'], poppy: ['flowers'], poppie: ['flowers'],
  sunflower: ['flowers'], wildflower: ['flowers'], lavender: ['flowers'], floral: ['flowers'], petal: ['flowers'],
  cloud: ['clouds'], cloudy: ['clouds'], sky: ['clouds'], overcast: ['clouds'], fluffy: ['clouds'],
  desert: ['desert'], dune: ['desert'], sand: ['desert'], sahara: ['desert'], canyon: ['desert', 'mountains'],
  abstract: ['abstract'], shape: ['abstract'], geometric: ['abstract'], pattern: ['abstract'], bauhaus: ['abstract'],
  minimal: ['abstract'], minimalist: ['abstract'], composition: ['abstract'], circle: ['abstract'],
  wallpaper: ['abstract'], background: ['abstract'], gradient: ['abstract'], texture: ['abstract'], art: ['abstract'],
  cat: ['cat'], kitten: ['cat'], kitty: ['cat'], feline: ['cat'], pet: ['cat'], fox: ['fox'], vixen: ['fox'],
  lion: ['lion'], lioness: ['lion'], tiger: ['tiger'], tigress: ['tiger'], savanna: ['hills'], savannah: ['hills'],
  horse: ['horse'], pony: ['horse'], stallion: ['horse'], mare: ['horse'], foal: ['horse'], mustang: ['horse'],
  equestrian: ['horse', 'rider'], riding: ['rider'], rider: ['rider', 'horse'], horseback: ['rider', 'horse'],
  sheep: ['sheep'], lamb: ['sheep'], ewe: ['sheep'], cow: ['cow'], cattle: ['cow'], calf: ['cow'], bull: ['cow'],
  ox: ['cow'], oxen: ['cow'],
  cowboy: ['rider', 'horse'], knight: ['rider', 'horse'], jockey: ['rider', 'horse'], deer: ['deer'], stag: ['deer'], doe: ['deer'], fawn: ['deer'], elk: ['deer'], reindeer: ['deer'],
  dog: ['dog'], puppy: ['dog'], doggy: ['dog'], hound: ['dog'], retriever: ['dog'], corgi: ['dog'], labrador: ['dog'],
  person: ['person'], man: ['person', 'male'], woman: ['person', 'female'], girl: ['person', 'female'], boy: ['person', 'male'],
  child: ['person'], portrait: ['portrait'], face: ['portrait'], headshot: ['portrait'], selfie: ['portrait'],
  profile: ['portrait'], bust: ['portrait'], 'rock face': ['mountains'], 'cliff face': ['mountains'], 'north face': ['mountains'],
  hiker: ['person'], traveler: ['person'], traveller: ['person'], wanderer: ['person'], figure: ['person'],
  silhouette: ['person'], lady: ['person', 'female'], kid: ['person'],
  // Clothes mean someone wears them, and a colour before them is theirs ("a girl in a red coat").
  dress: ['person'], coat: ['person'], jacket: ['person'], cloak: ['person'], raincoat: ['person'], kimono: ['person'],
  hoodie: ['person'], umbrella: ['umbrella', 'person'], parasol: ['umbrella', 'person'],
  people: ['people'], family: ['people'], friends: ['people'], crowd: ['people'], couple: ['couple'], lovers: ['couple'],
  bird: ['birds'], seagull: ['birds'], gull: ['birds'], flock: ['birds'], crow: ['birds'], swallow: ['birds'],
  flying: ['birds'], eagle: ['birds'], dove: ['birds'],
  aurora: ['aurora'], borealis: ['aurora'], 'northern lights': ['aurora'],
  rain: ['rain', 'clouds'], rainy: ['rain', 'clouds'], storm: ['rain', 'clouds'], stormy: ['rain', 'clouds'],
  drizzle: ['rain', 'clouds'], thunderstorm: ['rain', 'clouds'], downpour: ['rain', 'clouds'],
  snowman: ['snowman', 'snow'], snowmen: ['snowman', 'snow'], 'christmas tree': ['xmastree'], 'xmas tree': ['xmastree'],
  christmas: ['xmastree'], xmas: ['xmastree'],
  snow: ['snow'], snowy: ['snow'], snowfall: ['snow'], blizzard: ['snow'], snowflake: ['snow'],
  palm: ['palms'], tropical: ['palms'], island: ['palms', 'sea'], paradise: ['palms'],
  boat: ['boat', 'sea'], sailboat: ['boat', 'sea'], ship: ['boat', 'sea'], sailing: ['boat', 'sea'],
  yacht: ['boat', 'sea'],
  lighthouse: ['lighthouse', 'sea'], beacon: ['lighthouse', 'sea'],
  house: ['house'], cottage: ['house'], cabin: ['house'], hut: ['house'], farmhouse: ['house'], barn: ['house'],
  chalet: ['house'], farm: ['house', 'hills'], homestead: ['house'],
  village: ['village', 'hills'], hamlet: ['village', 'hills'],
  castle: ['castle'], fortress: ['castle'], citadel: ['castle'], palace: ['castle'], kingdom: ['castle'],
  windmill: ['windmill'], mill: ['windmill'], dutch: ['windmill', 'flowers'], holland: ['windmill', 'flowers'],
  balloon: ['balloon'], 'hot air balloon': ['balloon'], 'air balloon': ['balloon'],
  rainbow: ['rainbow'], dragon: ['dragon'], wyvern: ['dragon'],
  bridge: ['bridge', 'lake'], viaduct: ['bridge', 'lake'],
  train: ['train'], railway: ['train'], railroad: ['train'], locomotive: ['train'], tram: ['train'],
  road: ['road'], highway: ['road'], roadtrip: ['road', 'car'], 'road trip': ['road', 'car'], 'country lane': ['road'],
  car: ['car', 'road'], truck: ['car', 'road'], van: ['car', 'road'], driving: ['car', 'road'], vehicle: ['car', 'road'],
  underwater: ['underwater'], undersea: ['underwater'], 'under the sea': ['underwater'], 'under water': ['underwater'],
  whale: ['underwater', 'whale'], 'humpback whale': ['underwater', 'whale'], orca: ['underwater', 'whale'],
  fish: ['underwater'], goldfish: ['underwater'], reef: ['underwater'], corals: ['underwater'], 'coral reef': ['underwater'], aquarium: ['underwater'],
  seabed: ['underwater'], 'sea floor': ['underwater'], 'ocean floor': ['underwater'], scuba: ['underwater'],
  snorkeling: ['underwater'], snorkelling: ['underwater'],
  // A still life: things on a table.
  table: ['table'], desk: ['table'], 'still life': ['table'], stilllife: ['table'], kitchen: ['table'], breakfast: ['table', 'cup', 'steam'],
  cafe: ['table', 'cup', 'steam'], cup: ['cup'], mug: ['cup'], teacup: ['cup'], coffee: ['cup', 'steam'], tea: ['cup', 'steam'],
  espresso: ['cup', 'steam'], latte: ['cup', 'steam'], cappuccino: ['cup', 'steam'], vase: ['vase'], bouquet: ['vase'],
  fruit: ['fruit'], apple: ['fruit'], pear: ['fruit'], banana: ['fruit'], grape: ['fruit'], bowl: ['fruit'],
  candle: ['candle'], candlelight: ['candle'], candlelit: ['candle'], book: ['books'], novel: ['books'],
  bottle: ['bottle'], wine: ['bottle'],
  waterfall: ['waterfall'], cascade: ['waterfall'], 'niagara falls': ['waterfall'], 'water fall': ['waterfall'],
  // Standing on the moon: its ground underfoot, the Earth in the sky (the word "moon" alone puts a moon in the sky).
  'on the moon': ['lunar', 'stars'], 'on moon': ['lunar', 'stars'], 'lunar surface': ['lunar', 'stars'],
  'moon surface': ['lunar', 'stars'], 'moon landing': ['lunar', 'astronaut', 'stars'], moonscape: ['lunar', 'stars'],
  moonwalk: ['lunar', 'astronaut', 'stars'],
  planet: ['planet', 'stars'], saturn: ['planet', 'stars'], jupiter: ['planet', 'stars'], astronaut: ['astronaut', 'planet', 'stars'], cosmonaut: ['astronaut', 'planet', 'stars'], spaceman: ['astronaut', 'planet', 'stars'],
  // Phrases whose words alone would name the wrong subject: a man-made lake has no person in it.
  'man made': [], manmade: [], 'human made': [], 'small town': ['village', 'hills'], 'old town': ['village'],
};

/** Words and phrases that rule a subject out, as "no clouds" does. */
export const EXCLUDING_WORDS: Readonly<Record<string, MotifId[]>> = {
  cloudless: ['clouds'], 'clear sky': ['clouds'], starless: ['stars'], moonless: ['moon'],
  treeless: ['tree', 'forest'],
};

export const STYLE_WORDS: Readonly<Record<string, string>> = {
  watercolor: 'watercolor', watercolour: 'watercolor', aquarelle: 'watercolor', painting: 'watercolor',
  painted: 'watercolor', gouache: 'watercolor',
  flat: 'flat', vector: 'flat', illustration: 'flat', poster: 'flat', graphic: 'flat', 'flat design': 'flat',
  neon: 'neon', synthwave: 'neon', glow: 'neon', glowing: 'neon', retrowave: 'neon', outrun: 'neon', cyberpunk: 'neon',
  vaporwave: 'neon', cyber: 'neon', tron: 'neon',
  pixel: 'pixel', pixelated: 'pixel', 'pixel art': 'pixel', pixelart: 'pixel', '8 bit': 'pixel', '8bit': 'pixel',
  '16 bit': 'pixel', '16bit': 'pixel', retro: 'pixel', arcade: 'pixel',
  ink: 'ink', sumi: 'ink', 'sumi e': 'ink', brush: 'ink', calligraphy: 'ink', sketch: 'ink', japanese: 'ink',
  woodblock: 'ink', monochrome: 'ink',
  pastel: 'pastel', kawaii: 'pastel', soft: 'pastel', cute: 'pastel',
  'low poly': 'low-poly', lowpoly: 'low-poly', polygon: 'low-poly', polygonal: 'low-poly', faceted: 'low-poly',
  triangle: 'low-poly', crystal: 'low-poly',
  film: 'film', photo: 'film', photograph: 'film', photographic: 'film', cinematic: 'film', analog: 'film',
  analogue: 'film', '35mm': 'film', realistic: 'film', photorealistic: 'film', polaroid: 'film', kodak: 'film',
};

/** Words that say how many of the next subject there are. */
/**
 * Subjects drawn in the colour the prompt gives them ("a red car", "a black and white cow"): such a colour is theirs,
 * not the scene's. Colours before other subjects ("red sun", "green hills", "a red fox", whose fur is always rust)
 * colour the palette.
 */
export const SELF_COLOURED: ReadonlySet<MotifId> = new Set<MotifId>([
  'flowers', 'lion', 'tiger', 'car', 'house', 'horse', 'cow', 'sheep', 'cat', 'dog', 'person', 'umbrella', 'train', 'portrait',
  'cup', 'vase', 'fruit', 'candle', 'bottle', 'table',
]);

/** Flowers known by their colour ("sunflowers" are yellow, "lavender" purple): their colour when the prompt names none. */
export const FLOWER_COLOURS: Readonly<Record<string, Omit<ColourWord, 'word'>>> = {
  sunflower: { hue: 46, saturation: 0.95, lightness: 0.55 },
  lavender: { hue: 268, saturation: 0.45, lightness: 0.62 },
  poppy: { hue: 4, saturation: 0.85, lightness: 0.5 },
  rose: { hue: 350, saturation: 0.75, lightness: 0.45 },
  daisy: { hue: 50, saturation: 0.2, lightness: 0.96 },
};

/** Words that ask for the whole picture in shades of grey; and the pairs of colour words that do, when no subject follows. */
export const MONOCHROME_WORDS: ReadonlySet<string> = new Set(['monochrome', 'grayscale', 'greyscale', 'monochromatic']);
export const MONOCHROME_PAIR: ReadonlySet<string> = new Set(['black white', 'white black']);

export const NUMBER_WORDS: Readonly<Record<string, number | 'several'>> = {
  two: 2, three: 3, four: 4, five: 5, pair: 2, twin: 2, twins: 2,
  several: 'several', many: 'several', some: 'several', herd: 'several', pack: 'several', group: 'several', school: 'several',
};

export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'with', 'in', 'on', 'at', 'by', 'for', 'to', 'from', 'over', 'under', 'above',
  'below', 'into', 'near', 'behind', 'my', 'is', 'are', 'very', 'some', 'style', 'image', 'picture', 'scene', 'view',
  'beautiful', 'pretty', 'nice', 'lovely', 'amazing', 'stunning', 'epic', 'highly', 'detailed', 'hd', '4k', '8k',
]);
