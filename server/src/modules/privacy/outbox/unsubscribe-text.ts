import type { Language } from '../../../lib/language.js';

/** The unsubscribe pages' texts in every language Atelier speaks (chosen from Accept-Language). */
const TEXT: Record<Language, Record<'invalidTitle' | 'invalidHeading' | 'askTitle' | 'askHeading' | 'askBody' | 'button' | 'doneTitle' | 'doneHeading' | 'doneBody', string>> = {
  en: {
    invalidTitle: 'Link not valid',
    invalidHeading: 'This link is not valid',
    askTitle: 'Unsubscribe',
    askHeading: 'Stop product news and tips?',
    askBody: 'You will no longer receive optional emails such as product news and tips. Essential messages about your account\'s security and changes to our privacy policy are still sent.',
    button: 'Unsubscribe',
    doneTitle: 'Unsubscribed',
    doneHeading: 'You are unsubscribed',
    doneBody: 'You will no longer receive product news and tips. You can turn them on again in your account\'s privacy settings.',
  },
  zh: {
    invalidTitle: '链接无效',
    invalidHeading: '此链接无效',
    askTitle: '退订',
    askHeading: '不再接收产品新闻和使用技巧？',
    askBody: '你将不再收到产品新闻和使用技巧等可选邮件。关于账户安全和隐私政策变更的必要邮件仍会发送。',
    button: '退订',
    doneTitle: '已退订',
    doneHeading: '你已退订',
    doneBody: '你将不再收到产品新闻和使用技巧。可以在账户的隐私设置中重新开启。',
  },
};

export const unsubscribeText = (language: Language) => TEXT[language];
