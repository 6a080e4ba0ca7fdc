/**
 * Chinese prompts: the studio speaks Chinese, so the built-in engine reads common Chinese words too. Chinese is written
 * without spaces, so a run of Han characters is split by longest match against this dictionary, and each term becomes
 * the English words the prompt reader knows ("海上的日落" → "sea", "sunset"). Particles are dropped; other
 * characters it does not know are kept as unknown tokens (they still seed the fallback scenes).
 */

const HAN_TERMS: Readonly<Record<string, string>> = {
  // Land and water
  山: 'mountain', 山脉: 'mountains', 雪山: 'snowy mountain', 高山: 'alpine', 火山: 'volcano', 山谷: 'valley', 丘陵: 'hills',
  草原: 'grassland', 田野: 'field', 草地: 'meadow', 沙漠: 'desert', 沙丘: 'dunes', 峡谷: 'canyon', 悬崖: 'cliff',
  海: 'sea', 大海: 'sea', 海洋: 'ocean', 海边: 'seaside', 海岸: 'coast', 沙滩: 'beach', 海滩: 'beach', 海浪: 'waves',
  岛: 'island', 湖: 'lake', 湖泊: 'lake', 河: 'river', 河流: 'river', 池塘: 'pond', 瀑布: 'waterfall', 倒影: 'reflection',
  森林: 'forest', 树林: 'woods', 丛林: 'jungle', 松树: 'pine', 树: 'tree', 大树: 'tree', 棕榈: 'palm', 椰子树: 'palm',
  花: 'flowers', 鲜花: 'flowers', 花园: 'garden', 花田: 'flower field', 向日葵: 'sunflowers', 郁金香: 'tulips',
  玫瑰: 'roses', 樱花: 'cherry blossom', 薰衣草: 'lavender',
  // Sky and weather
  天空: 'sky', 太阳: 'sun', 阳光: 'sunlight', 日落: 'sunset', 夕阳: 'sunset', 黄昏: 'dusk', 日出: 'sunrise', 黎明: 'dawn',
  清晨: 'morning', 早晨: 'morning', 月亮: 'moon', 明月: 'moon', 月光: 'moonlight', 星星: 'stars', 星空: 'starry sky',
  银河: 'galaxy', 星系: 'galaxy', 星云: 'nebula', 夜: 'night', 夜晚: 'night', 晚上: 'night', 夜空: 'night sky',
  白天: 'day', 云: 'clouds', 云朵: 'clouds', 雨: 'rain', 下雨: 'rain', 暴风雨: 'storm', 雷雨: 'thunderstorm', 雪: 'snow',
  下雪: 'snow', 雪人: 'snowman', 圣诞树: 'christmas tree', 圣诞: 'christmas', 圣诞节: 'christmas', 雾: 'fog', 大雾: 'fog', 彩虹: 'rainbow', 极光: 'aurora', 北极光: 'northern lights',
  太空: 'space', 宇宙: 'universe', 星球: 'planet', 行星: 'planet', 土星: 'saturn', 月球: 'moonscape', 宇航员: 'astronaut',
  // Places and things
  城市: 'city', 都市: 'city', 城市天际线: 'city skyline', 天际线: 'skyline', 街道: 'street', 小镇: 'small town',
  村庄: 'village', 村子: 'village', 房子: 'house', 小屋: 'cottage', 木屋: 'cabin', 农场: 'farm', 城堡: 'castle',
  宫殿: 'palace', 塔: 'tower', 钟楼: 'clock tower', 灯塔: 'lighthouse', 风车: 'windmill', 桥: 'bridge', 石桥: 'stone bridge',
  路: 'road', 马路: 'road', 公路: 'highway', 道路: 'road', 火车: 'train', 列车: 'train', 铁路: 'railway', 汽车: 'car', 车: 'car', 卡车: 'truck', 船: 'boat', 小船: 'boat',
  帆船: 'sailboat', 热气球: 'hot air balloon', 气球: 'balloon', 龙: 'dragon', 飞龙: 'dragon',
  // Living things
  人: 'person', 肖像: 'portrait', 人像: 'portrait', 头像: 'portrait', 侧脸: 'profile', 伞: 'umbrella', 雨伞: 'umbrella', 裙子: 'dress', 连衣裙: 'dress', 外套: 'coat', 大衣: 'coat', 女孩: 'girl', 男孩: 'boy', 女人: 'woman', 男人: 'man', 孩子: 'child', 旅人: 'traveler', 情侣: 'couple',
  恋人: 'lovers', 家人: 'family', 一家人: 'family', 朋友: 'friends', 人群: 'crowd', 猫: 'cat', 小猫: 'kitten', 狗: 'dog',
  小狗: 'puppy', 狐狸: 'fox', 狮子: 'lion', 老虎: 'tiger', 马: 'horse', 骏马: 'horse', 骑马: 'riding horse', 羊: 'sheep', 绵羊: 'sheep', 羊群: 'herd sheep', 牛: 'cow', 奶牛: 'cow', 牛群: 'herd cows', 骑士: 'knight', 牛仔: 'cowboy', 鹿: 'deer', 驯鹿: 'reindeer', 鸟: 'birds', 海鸥: 'seagulls',
  鲸: 'whale', 鲸鱼: 'whale', 鱼: 'fish', 金鱼: 'goldfish', 海底: 'underwater', 水下: 'underwater', 珊瑚: 'corals', 珊瑚礁: 'coral reef',
  // On the table
  静物: 'still life', 桌子: 'table', 咖啡: 'coffee', 茶: 'tea', 杯子: 'cup', 花瓶: 'vase', 水果: 'fruit', 苹果: 'apple',
  蜡烛: 'candle', 书: 'book', 书本: 'books', 葡萄酒: 'wine', 红酒: 'wine', 酒瓶: 'bottle',
  // Colours
  红: 'red', 红色: 'red', 橙: 'orange', 橙色: 'orange', 黄: 'yellow', 黄色: 'yellow', 绿: 'green', 绿色: 'green',
  蓝: 'blue', 蓝色: 'blue', 青色: 'cyan', 紫: 'purple', 紫色: 'purple', 粉: 'pink', 粉色: 'pink', 粉红: 'pink',
  白: 'white', 白色: 'white', 黑: 'black', 黑色: 'black', 黑白: 'black and white', 灰: 'grey', 灰色: 'grey', 金色: 'golden', 银色: 'silver',
  棕色: 'brown',
  // Seasons and moods
  春天: 'spring', 春: 'spring', 夏天: 'summer', 夏: 'summer', 秋天: 'autumn', 秋: 'autumn', 冬天: 'winter', 冬: 'winter',
  平静: 'calm', 宁静: 'serene', 安静: 'quiet', 梦幻: 'dreamy', 神秘: 'eerie', 忧郁: 'melancholy', 温暖: 'warm',
  寒冷: 'cold', 赛博朋克: 'cyberpunk', 霓虹: 'neon', 未来: 'futuristic', 魔幻: 'magical', 奇幻: 'fantasy',
  // Styles
  水彩: 'watercolor', 水彩画: 'watercolor', 油画: 'painting', 水墨: 'ink', 水墨画: 'ink', 国画: 'ink', 素描: 'sketch', 书法: 'calligraphy',
  像素: 'pixel art', 像素风: 'pixel art', 低多边形: 'low poly', 胶片: 'film', 照片: 'photo', 扁平: 'flat', 插画: 'illustration',
  粉彩: 'pastel', 可爱: 'cute', 复古: 'retro', 抽象: 'abstract', 几何: 'geometric',
  // Numbers and negation
  两: 'two', 两只: 'two', 两匹: 'two', 两个: 'two', 三: 'three', 三只: 'three', 三匹: 'three', 几: 'several', 许多: 'many',
  一群: 'herd', 没有: 'no', 无: 'no', 不要: 'no',
  // Words that carry nothing the renderer uses: read, and dropped.
  风格: '', 风: '', 样子: '', 画面: '', 图片: '', 一幅: '', 美丽: '', 漂亮: '',
};

/** Particles, measure words and small function words: dropped, so that "红色的汽车" reads as "red car". */
const HAN_PARTICLES = new Set([...'的地得在上下里中和与及着了过是有一个只匹杯本座条张片朵位把很']);

const LONGEST_TERM = Math.max(...Object.keys(HAN_TERMS).map((term) => term.length));
const HAN = /\p{Script=Han}/u;

/** Whether a token holds Chinese characters (and so needs splitting into terms). */
export const hasHan = (token: string): boolean => HAN.test(token);

/** The English words a token with Chinese characters stands for, in order (see the file's comment). */
export function hanToWords(token: string): string[] {
  const words: string[] = [];
  for (const [run] of token.matchAll(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) words.push(...(hasHan(run) ? segment(run) : [run]));
  return words;
}

/** A run of Chinese characters split by longest match; characters between known terms gather into unknown tokens. */
function segment(run: string): string[] {
  const words: string[] = [];
  let unknown = '';
  for (let i = 0; i < run.length; ) {
    let length = Math.min(LONGEST_TERM, run.length - i);
    while (length > 0 && !Object.prototype.hasOwnProperty.call(HAN_TERMS, run.slice(i, i + length))) length--;
    if (length === 0) {
      // A particle ends an unknown word; other characters the dictionary lacks gather into one.
      if (HAN_PARTICLES.has(run[i]!)) {
        if (unknown) words.push(unknown);
        unknown = '';
      } else unknown += run[i];
      i++;
      continue;
    }
    if (unknown) words.push(unknown);
    unknown = '';
    words.push(...HAN_TERMS[run.slice(i, i + length)]!.split(' ').filter(Boolean));
    i += length;
  }
  if (unknown) words.push(unknown);
  return words;
}
