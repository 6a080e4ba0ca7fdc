/**
 * Chinese edit instructions ("变成黑白，更亮一点，然后裁剪成 16:9") read as the English phrases the instruction reader
 * knows, so one set of rules serves both. What has no rule here is left as it is and reported as not understood.
 */

const HAN = /\p{Script=Han}/u;

const NUMBERS: Record<string, string> = { 一: '1', 两: '2', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 八: '8', 十: '10' };
const number = (n: string): string => NUMBERS[n] ?? n;

/** In order: longer and more specific phrases first (黑白 before 黑色, 顺时针旋转 before 旋转). */
const PHRASES: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  // Quoted text keeps its quotes: the reader takes text from them.
  [/(?:添加|加上|加|写上|写)?(?:文字|字幕|标题|文本)/g, ' add text '],
  [/黑白|灰度|去色|单色/g, ' grayscale '],
  [/(顺时针|逆时针)?(?:旋转|转)\s*(-?\d+(?:\.\d+)?|[一两二三四五六八十])\s*(?:度|°)\s*(顺时针|逆时针)?/g,
    (_m, before, deg, after) => ` rotate ${number(deg!)} degrees ${(before || after) === '逆时针' ? 'counterclockwise' : 'clockwise'} `],
  [/(顺时针|逆时针)(?:旋转|转)(?:九十度)?/g, (_m, dir) => ` rotate 90 degrees ${dir === '逆时针' ? 'counterclockwise' : 'clockwise'} `],
  [/向?左转|左旋/g, ' rotate left '],
  [/向?右转|右旋/g, ' rotate right '],
  [/上下颠倒|倒过来|倒置|旋转\s*180\s*度/g, ' upside down '],
  [/(?:水平|左右)翻转|镜像/g, ' flip horizontally '],
  [/(?:垂直|上下)翻转/g, ' flip vertically '],
  [/翻转/g, ' flip '],
  [/(?:裁剪|剪裁|裁切|裁成|剪成|裁)(?:成|为|到)?/g, ' crop to '],
  [/正方形|方形/g, ' square '],
  [/(?:放大|拉近)(?:到|至)?\s*(?:画面)?(?:的)?(?:中心|中间|中央)|(?:中心|中间|中央)(?:放大|特写)/g, ' zoom in on the centre '],
  [/(?:放大|提升|提高|升级)(?:分辨率)?(?:到|至|为|成)\s*(4k|4K|2k|2K|1080p|720p)/g, (_m, target) => ` upscale to ${target!.toLowerCase()} `],
  [/放大\s*(\d+(?:\.\d+)?|[两二三四])\s*倍/g, (_m, n) => ` upscale ${number(n!)}x `],
  [/缩小\s*(\d+(?:\.\d+)?|[两二三四])\s*倍/g, (_m, n) => ` shrink by ${number(n!)}x `],
  [/缩小一半|缩小到一半|一半大小/g, ' shrink by half '],
  [/放大/g, ' upscale '],
  [/缩小/g, ' shrink '],
  [/(?:提高|增加|加强|增强)对比度|对比度(?:更高|高一点|强一点)|更强的对比/g, ' more contrast '],
  [/(?:降低|减少|减弱)对比度|对比度(?:更低|低一点)/g, ' less contrast '],
  [/对比度/g, ' contrast '],
  [/(?:提高|增加|加强)饱和度|更鲜艳|鲜艳|饱和度(?:更高|高一点)/g, ' more saturation '],
  [/(?:降低|减少)饱和度|饱和度(?:更低|低一点)|更淡|淡一点/g, ' less saturation '],
  [/饱和度/g, ' saturation '],
  [/(?:提高|增加)亮度|更亮|变亮|调亮|提亮|加亮|明亮/g, ' brighter '],
  [/(?:降低|减少)亮度|更暗|变暗|调暗|压暗/g, ' darker '],
  [/亮度/g, ' brightness '],
  [/更暖|暖色调|暖色|偏暖|暖一点|暖/g, ' warmer '],
  [/更冷|冷色调|冷色|偏冷|冷一点|冷/g, ' cooler '],
  [/复古|怀旧|老照片|棕褐色|褐色/g, ' sepia '],
  [/反色|反相|负片/g, ' invert '],
  [/锐化|更清晰|清晰一点|清晰/g, ' sharpen '],
  [/模糊|虚化/g, ' blur '],
  [/暗角|晕影/g, ' vignette '],
  [/白边/g, ' white border '],
  [/黑边/g, ' black border '],
  [/(?:添加|加上|加个|加一个|加)?(?:边框|相框|画框)/g, ' border '],
  [/白色/g, ' white '], [/黑色/g, ' black '], [/红色/g, ' red '], [/蓝色/g, ' blue '], [/绿色/g, ' green '],
  [/黄色/g, ' yellow '], [/灰色/g, ' gray '],
  [/在?(?:顶部|上方|上面)/g, ' at the top '], [/在?(?:底部|下方|下面)/g, ' at the bottom '],
  [/亮/g, ' brighter '],
  [/暗/g, ' darker '],
  // How much.
  [/一点点|一点|一些|稍微|略微|有点|稍/g, ' slightly '],
  [/非常|很|特别|大幅|极其/g, ' very '],
  // Joining steps.
  [/然后|接着|之后|以后|并且|而且|同时|以及|再|并|和|、|，|。|；|！/g, ' , '],
  // Words that carry no edit.
  [/请|帮我|帮忙|给我|麻烦|把它|将它|让它|使它|把|将|让|使|变成|变为|转成|转为|转换成|转换为|改成|改为|调成|调整|调|这张|图片|照片|图像|画面|图|一下|吧|的|得|更加|更|加|添加/g, ' '],
];

export function hanToEnglish(text: string): string {
  if (!HAN.test(text)) return text;
  let out = text;
  for (const [re, to] of PHRASES) out = out.replace(re, to as string);
  return out.replace(/\s+/g, ' ').trim();
}
