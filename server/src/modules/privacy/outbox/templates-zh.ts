/** The essential emails in Simplified Chinese: the same mails as templates.ts, for accounts whose language is zh. */
import { maskEmail, type RenderedMail } from './templates.js';

/** A moment as Chinese readers write it, in UTC as the English mails say it: 2026年12月7日 18:30 UTC. */
const when = (at: Date) =>
  `${new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(at)} UTC`;

const hello = (name: string) => `${name}，你好：`;

const notYouLines = (publicUrl: string, what: string) => [
  '如果这是你本人的操作，无需做任何事。',
  `如果不是，可能有人知道了你的密码：请立即登录 ${publicUrl} 并${what}，`,
  '或联系本 Atelier 服务器的运营者。',
];

export function emailChangedNotice(p: { name: string; newEmail: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: '你的 Atelier 账户邮箱地址已更改',
    text: [
      hello(p.name),
      '',
      `${when(p.at)}，你的 Atelier 账户邮箱地址已更改为 ${maskEmail(p.newEmail)}。`,
      '今后与账户有关的邮件将发送到新地址；这是发往本地址的最后一封。',
      '',
      '如果这是你本人的操作，无需做任何事。',
      `如果不是，可能有人知道了你的密码：请立即登录 ${p.publicUrl} 并更改密码和邮箱，`,
      '或联系本 Atelier 服务器的运营者。',
    ].join('\n'),
  };
}

export function passwordChangedNotice(p: { name: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: '你的 Atelier 账户密码已更改',
    text: [hello(p.name), '', `${when(p.at)}，你的 Atelier 账户密码已更改，其他所有登录均已退出。`, '', ...notYouLines(p.publicUrl, '更改密码')].join('\n'),
  };
}

export function webhookDisabledNotice(p: { name: string; url: string; publicUrl: string }): RenderedMail {
  return {
    subject: '你的一个 Atelier Webhook 已被关闭',
    text: [
      hello(p.name),
      '',
      `Atelier 连续多次无法向你的 Webhook ${p.url} 发送事件，因此已将其关闭。`,
      `请检查该地址，然后在“设置 → Webhook”中重新开启：${p.publicUrl}/settings`,
    ].join('\n'),
  };
}

export function paymentFailedNotice(p: { name: string; credits?: number; plan?: string; publicUrl: string }): RenderedMail {
  const what = p.credits !== undefined ? `${p.credits} 点数` : p.plan !== undefined ? `${p.plan} 套餐` : '你的购买';
  return {
    subject: '你的 Atelier 付款未成功',
    text: [
      hello(p.name),
      '',
      `${what}的付款失败了：没有扣款，你的账户也没有增加任何内容。`,
      `你可以在“设置 → 套餐与点数”中换一种付款方式重试：${p.publicUrl}/settings`,
    ].join('\n'),
  };
}

export function deletionRequestedNotice(p: { name: string; purgeAt: Date; publicUrl: string }): RenderedMail {
  return {
    subject: '你的 Atelier 账户将被删除',
    text: [
      hello(p.name),
      '',
      '你申请了删除 Atelier 账户。你已在所有设备上退出登录，账户已停用。',
      `${when(p.purgeAt)}，你的所有内容将被永久清除：图片、提示词、相册和设置。`,
      '',
      `改变主意了？在此之前用邮箱和密码登录 ${p.publicUrl} 即可取消删除，账户将保持原样。`,
      '',
      '如果你没有申请删除，请立即登录以阻止删除，并更改密码。',
    ].join('\n'),
  };
}

export function deletionCanceledNotice(p: { name: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: '你的 Atelier 账户删除已取消',
    text: [
      hello(p.name),
      '',
      `${when(p.at)}，有人登录了你的 Atelier 账户，这取消了你之前申请的删除。`,
      '你的账户已恢复正常，没有任何内容被清除。',
      '申请删除时，你的 API 令牌和付费订阅已经结束：如需使用，请在“设置”中重新创建令牌并重新订阅。',
      '',
      ...notYouLines(p.publicUrl, '更改密码（如果仍想删除账户，请再次申请）'),
    ].join('\n'),
  };
}

export function policyChangedAnnouncement(p: {
  name: string; version: string; effectiveDate: string; summary: string; publicUrl: string;
}): RenderedMail {
  return {
    subject: `我们的隐私政策已更新（版本 ${p.version}）`,
    text: [
      hello(p.name),
      '',
      `我们更新了隐私政策。版本 ${p.version} 自 ${p.effectiveDate} 起生效。`,
      '',
      p.summary,
      '',
      `完整政策请见 ${p.publicUrl}/privacy?lang=zh。你下次登录时，Atelier 会请你确认。`,
    ].join('\n'),
  };
}

export function passwordResetLink(p: { name: string; url: string; validMinutes: number; publicUrl: string }): RenderedMail {
  return {
    subject: '重置你的 Atelier 账户密码',
    text: [
      hello(p.name),
      '',
      '有人（希望是你）申请重置你的 Atelier 账户密码。请在此设置新密码：',
      '',
      p.url,
      '',
      `该链接只能使用一次，${p.validMinutes} 分钟内有效。重置密码会让你在所有设备上退出登录。`,
      `如果你没有申请，请忽略本邮件：你的密码保持不变（${p.publicUrl}）。`,
    ].join('\n'),
  };
}

export function verifyEmailLink(p: { name: string; url: string; validHours: number }): RenderedMail {
  return {
    subject: '确认你的 Atelier 账户邮箱地址',
    text: [
      hello(p.name),
      '',
      '请打开以下链接，确认此邮箱地址属于你：',
      '',
      p.url,
      '',
      `该链接只能使用一次，${p.validHours} 小时内有效。如果你没有创建 Atelier 账户，请忽略本邮件。`,
    ].join('\n'),
  };
}

export function signupLink(p: { name: string; url: string; validHours: number; publicUrl: string }): RenderedMail {
  return {
    subject: '完成创建你的 Atelier 账户',
    text: [
      hello(p.name),
      '',
      '有人（希望是你）用此邮箱地址开始创建 Atelier 账户。要完成注册，请打开以下链接并输入你设置的密码：',
      '',
      p.url,
      '',
      `该链接只能使用一次，${p.validHours} 小时内有效。如果你没有在 ${p.publicUrl} 注册，请忽略本邮件：`,
      '不会创建任何账户，所填写的内容会在链接过期后删除。',
    ].join('\n'),
  };
}

export function signupAttemptNotice(p: { name: string; at: Date; publicUrl: string }): RenderedMail {
  return {
    subject: '有人尝试用你的邮箱地址注册 Atelier 账户',
    text: [
      hello(p.name),
      '',
      `${when(p.at)}，有人尝试用此邮箱地址注册新的 Atelier 账户，但该地址已有账户，因此没有创建新账户。`,
      '',
      `如果是你本人：请直接登录 ${p.publicUrl}；如果忘记了密码，可以在那里使用“忘记密码？”。`,
      '如果不是你，无需做任何事。',
    ].join('\n'),
  };
}

export function supportCopy(p: { name: string; subject: string; message: string; assetId: string | null; publicUrl: string }): RenderedMail {
  const about = p.assetId ? `\n图片：${p.assetId}` : '';
  return {
    subject: `你发给 Atelier 的消息：${p.subject}`,
    text: `${hello(p.name)}\n\n这是你发给 ${p.publicUrl} 的 Atelier 运营者的消息副本。他们会回复到此邮箱。${about}\n\n${p.message}`,
  };
}

export function moderationWarning(p: { name: string; assetId: string; reason: string }): RenderedMail {
  return {
    subject: '关于你分享的一张图片的警告',
    text: [
      hello(p.name),
      '',
      `你通过链接分享的一张图片（图片 ${p.assetId}）被举报为“${p.reason}”。本 Atelier 的管理员审核后决定向你发出警告。`,
      '如果该图片违反了本服务的规则，请撤销链接或删除图片。再次收到此类举报可能导致图片被删除或账户被停用。',
    ].join('\n'),
  };
}
