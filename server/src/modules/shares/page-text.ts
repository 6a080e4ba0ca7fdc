import { languageFromHeader } from '../../lib/language.js';

/** The public share page's texts, in every language the studio speaks (chosen from Accept-Language). */
const TEXT = {
  en: {
    sharedImage: 'Shared image',
    sharedSet: 'Shared set of images',
    sharedWith: 'Shared with Atelier',
    download: 'Download',
    report: 'Report',
    noDownload: 'The person who shared this did not allow downloads.',
    prompt: 'Prompt',
    image: (n: number) => `Image ${n}`,
    lockedTitle: 'This link is protected',
    lockedBody: 'Type the password you were given to see what was shared.',
    password: 'Password',
    open: 'Open',
    wrongPassword: 'That password is not right. Try again.',
    goneTitle: 'This link no longer works',
    goneBody: 'It was revoked or has expired, or what it showed was deleted. Ask the person who sent it for a new link.',
    unknownTitle: 'Link not found',
    unknownBody: 'Check that you copied the whole link.',
    limitedTitle: 'Too many tries',
    limitedBody: 'Wait a few minutes, then try again.',
  },
  zh: {
    sharedImage: '分享的图片',
    sharedSet: '分享的一组图片',
    sharedWith: '通过 Atelier 分享',
    download: '下载',
    report: '举报',
    noDownload: '分享者未允许下载。',
    prompt: '提示词',
    image: (n: number) => `图片 ${n}`,
    lockedTitle: '此链接受密码保护',
    lockedBody: '请输入对方给你的密码，查看分享的内容。',
    password: '密码',
    open: '打开',
    wrongPassword: '密码不正确，请重试。',
    goneTitle: '此链接已失效',
    goneBody: '链接已被撤销或已过期，或者分享的内容已被删除。请向发送者索取新的链接。',
    unknownTitle: '未找到此链接',
    unknownBody: '请确认复制了完整的链接。',
    limitedTitle: '尝试次数过多',
    limitedBody: '请等几分钟后再试。',
  },
} as const;

export type PageLang = keyof typeof TEXT;
export type PageText = (typeof TEXT)[PageLang];

/** The language the browser asks for first among those Atelier speaks. */
export const pageLang = (acceptLanguage: string | undefined): PageLang => languageFromHeader(acceptLanguage);

export const pageText = (lang: PageLang): PageText => TEXT[lang];
