import { escapeHtml } from './html.js';
import type { PrivacyFacts } from './privacy-facts.js';
import { RESET_VALID_MINUTES, VERIFY_VALID_HOURS } from '../../auth/recovery/service.js';
import { SIGNUP_LINK_VALID_HOURS } from '../../auth/signup/pending-signups.js';
import { DEFAULT_INVITATION_DAYS } from '../../auth/signup/signup-gate.js';

/** The privacy policy in Simplified Chinese: the same statements as privacy-page.ts, from the same live facts. */

const days = (n: number) => `${n} 天`;

function providersSection(f: PrivacyFacts): string {
  if (f.providers.length === 0) {
    return '<p>本服务器只使用在本机运行的内置图像引擎。你的提示词、参考图和生成结果不会发送给任何外部模型提供商。</p>';
  }
  const list = f.providers
    .map((p) => `<li>${escapeHtml(p.name)}${p.model ? `（模型 <code>${escapeHtml(p.model)}</code>）` : ''}</li>`)
    .join('\n');
  return `<p>除了在本机运行的内置引擎，本服务器还配置了以下外部模型提供商。当你在生成或编辑时选择其中之一，
提示词、参数以及你作为输入提供的图片会发送给该提供商以生成结果；你没有选择的提供商不会收到任何内容：</p>
<ul>${list}</ul>
<p>这些提供商按其自身条款处理请求，可能位于其他国家或地区。除此之外，不会发送任何关于你的信息（不含姓名、邮箱地址或账户 ID）。</p>
<p>如果你的套餐允许，你可以为其中某个提供商添加自己的密钥（设置 → 你的提供商密钥）。之后你发往该提供商的请求会使用你的密钥，
并由该提供商向你计费（兼容 OpenAI 的密钥可以指向你选择的地址）。密钥在保存时会向提供商验证一次，用你自己的加密密钥加密保存，
从不写入日志，除最后四个字符外不会再次显示；删除该密钥或删除你的账户都会将其销毁。</p>`;
}

function paymentItem(f: PrivacyFacts): string {
  if (!f.billing.plans) return '<li><strong>付款信息</strong>：本服务器不收款，也不保存任何付款信息。</li>';
  const stripe = f.billing.stripe
    ? '付款在 Stripe 自己的页面上完成：你的银行卡信息只交给 Stripe，绝不会到达本服务器；本服务器只保存 Stripe 的客户和订阅编号、套餐以及订阅状态和续期日期。'
    : '本服务器不收款，也不保存任何付款信息。';
  return `<li><strong>套餐和额度</strong>：你的套餐，以及额度明细：每月发放、每次生成的花费和退还、每次购买，
以及管理员每次调整及其原因。${stripe}</li>`;
}

function billingRetention(f: PrivacyFacts): string {
  if (!f.billing.plans) return '';
  const tax = f.billing.stripe ? '删除账户会立即取消订阅。税法要求保留的发票和付款记录由 Stripe 按法定期限保存，而非本服务器。' : '';
  return `<li>你的套餐和额度明细在账户存在期间保留，随账户一起清除。${tax}</li>`;
}

function moderationItem(f: PrivacyFacts): string {
  if (!f.moderation) return '<li><strong>内容检查</strong>：本服务器不会依据内容政策检查提示词或图片。</li>';
  const categories = f.moderation.categories.map((c) => `<code>${escapeHtml(c)}</code>`).join('、');
  const suspend = f.moderation.autoSuspendAfter === null ? '' : `提示词被拒绝 ${f.moderation.autoSuspendAfter} 次后，账户会被自动停用。`;
  return `<li><strong>内容检查</strong>：在生成或编辑开始前，其提示词（或指令）会在本服务器上与本服务器的拒绝词列表比对
（类别：${categories}），不会为此发送到其他地方。被拒绝的请求不会被保存：既不保存提示词，也不保存图片。只保存你被拒绝的
提示词数量，以及最近一次的类别和时间，以及该计数导致账户停用的时间（如有）。${suspend}${imageCheckText(f.moderation.images)}</li>`;
}

function imageCheckText(images: NonNullable<PrivacyFacts['moderation']>['images']): string {
  if (!images) return '图片不会经过分类器检查。';
  const classes = images.classes.map((c) => `<code>${escapeHtml(c)}</code>`).join('、');
  const outcome = images.action === 'blur' ? '会改为模糊后保存' : '不会被保存：结果显示为已拒绝，被标记的上传也会被拒收';
  return `你上传的每张图片和为你生成的每张图片还会经过图像分类器（nsfwjs）检查，该分类器在本服务器上运行，图片不会为此发送到任何地方。
分类器估计图片属于其各个类别的可能性；达到本服务器某一类别阈值（${classes}）的图片${outcome}，并计为一次拒绝
（类别为 <code>image:</code> 加上该类别）。分类器的评分不会保存。`;
}

/** Emailed links and second factors: what each keeps, in what form, and for how long (ADR 0026). */
function signInSecurityItems(): string {
  return `<li><strong>邮件中的链接</strong>：我们通过邮件发给你的链接（完成注册、确认邮箱地址、重置密码）和邀请链接都只能使用一次。
我们只保存每个链接密文的单向哈希（SHA-256），以及它对应的地址和过期时间：注册链接 ${SIGNUP_LINK_VALID_HOURS} 小时内有效，
邮箱确认链接 ${VERIFY_VALID_HOURS} 小时内有效，密码重置链接 ${RESET_VALID_MINUTES} 分钟内有效，邀请则在管理员选择的天数内有效
（未另行选择时为 ${DEFAULT_INVITATION_DAYS} 天）。注册链接被使用前，注册时填写的姓名、地址和密码哈希与链接一起等待，此时并不存在账户；
链接被使用或过期后，它们即被删除。</li>
<li><strong>两步登录</strong>：如果你开启它，你的身份验证器应用的密钥会用你自己的密钥加密（密封）保存，恢复码只以单向哈希保存，
并记录每个的使用时间。关闭两步登录会删除它们。</li>`;
}

const REPORTS_ITEM = `<li><strong>举报</strong>：当你举报通过分享链接看到的图片时，举报会保存是哪张图片和哪个链接、你选择的原因、你的备注、
你的账户和时间，之后还会保存管理员的处理决定及其时间。当有人举报你分享的图片时，审核的管理员会看到该图片、它的提示词、举报人，
以及你的账户在此的记录（你的图片以往被举报的情况、被拒绝提示词的数量、停用记录）；你不会被告知举报人是谁。管理员可以驳回举报、
删除图片、通过邮件向你发出警告，或停用账户。</li>`;

function reportsRetention(f: PrivacyFacts): string {
  return `<li>举报在管理员关闭前一直保留，关闭后再保留 ${days(f.reportRetentionDays)}。你提出的举报和关于你图片的举报都包含在你的数据导出中
（后者不含举报人及其备注）。删除账户会清除关于你图片的举报和你提出的已关闭举报；你提出的仍未处理的举报会保留到审核完成，
但其中你的账户和备注会被移除。</li>`;
}

function supportItem(f: PrivacyFacts): string {
  const delivery = f.support.email
    ? `消息还会通过邮件发送到运营者的支持地址 <a href="mailto:${escapeHtml(f.support.email)}">${escapeHtml(f.support.email)}</a>。`
    : '管理员在管理控制台中阅读消息，不会通过邮件发给其他任何人。';
  return `<li><strong>发给支持的消息</strong>：当你联系本服务器的运营者时，消息会保存主题、你写的内容、你提到的图片（如有）、
你的账户、用于回复的邮箱地址和时间。${delivery}你的消息副本会通过邮件发给你。</li>`;
}

const supportRetention = (f: PrivacyFacts) => `<li>发给支持的消息在你写下后 ${days(f.support.retentionDays)} 删除；删除账户时会提前随账户一起清除。
这些消息包含在你的数据导出中。</li>`;

function trainingSection(f: PrivacyFacts): string {
  if (f.trainingUse === 'never') {
    return `<p><strong>你的提示词和图片绝不会用于训练、微调或以其他方式改进任何模型。</strong>本服务器不提供此选项，
其数据集导出功能也会拒绝运行。</p>`;
  }
  return `<p><strong>只有在你于隐私设置中开启“训练”选项后</strong>，你的提示词和图片才会用于训练或改进模型；在你开启之前，
该选项是关闭的。训练数据导出只包含导出时开启了该选项的用户，关闭它会使你不再出现在之后的任何导出中。即使开启了该选项，
你仍可以排除单张图片：将图片或整个相册标记为<strong>“永不用于训练”</strong>（在图片详情或相册页面中），只要标记还在，
任何训练数据导出都不会包含它、这样标记的相册中的任何图片，以及由被标记图片编辑而成的图片。训练数据导出是唯一
不加密的文件：由服务器运营者运行并指定写入的文件，其中只有提示词和图片，不含账户、ID 或日期。</p>`;
}

/** The privacy policy's body in Chinese (escaped HTML), written from the live configuration. */
export function privacyPageBodyZh(f: PrivacyFacts): string {
  const contact = f.contact
    ? `请发邮件至 <a href="mailto:${escapeHtml(f.contact)}">${escapeHtml(f.contact)}</a>`
    : '请联系本服务器的运营者';
  return `
<h1>隐私政策</h1>
<p class="meta">版本 ${escapeHtml(f.version)}，自 ${escapeHtml(f.effectiveDate)} 起生效。</p>
<p>本页说明此 Atelier 服务器如何处理你的信息。本页根据服务器的实时设置生成，因此下文中的期限和选项就是实际执行的。</p>

<h2>我们收集的信息</h2>
<ul>
<li><strong>账户信息</strong>：你的姓名、邮箱地址和密码的单向哈希（绝不保存密码本身）。</li>
<li><strong>你的提示词、图片和设置</strong>：你上传或生成的图片，你使用的提示词、参数、风格和引擎，你的相册、标签和收藏，
以便工作室在历史和图库中向你展示。</li>
<li><strong>设备信息</strong>：每个登录会话的浏览器类型、操作系统类型和设备类型（绝不保存完整的浏览器标识），
以及截短到网段的 IP 地址（去掉最后一部分：IPv4 /24，IPv6 /48）。</li>
<li><strong>安全日志</strong>：登录和登录失败记录，使用同样截短的 IP 地址。</li>
<li><strong>通行密钥和单点登录</strong>：你添加的每个通行密钥的名称、公钥（私钥从不离开你的设备）以及添加和最近使用的时间；
如果你通过单点登录提供商登录，则保存关联的身份：该提供商的地址（其签发者）、你在那里的 ID（主体）以及它确认的邮箱地址。</li>
${signInSecurityItems()}
<li>你创建的 <strong>API 令牌</strong>：名称、权限范围、每个令牌的前几个字符、创建时间、最近使用时间（精确到分钟）和过期时间；
令牌本身只以单向哈希保存。撤销令牌即删除它。</li>
<li><strong>你的选择</strong>：你给出或撤回的每项同意，以及对应的政策版本和时间。</li>
<li><strong>Cookie</strong>：在你于 Cookie 横幅中接受分析之前，只使用必要的登录和安全（CSRF）Cookie；接受后会多一个记录该选择的
Cookie。你可以随时通过页脚的链接更改。</li>
<li><strong>使用分析</strong>，仅在你接受分析 Cookie 时：按功能、引擎、风格和尺寸统计的每日总数，不含用户标识。独立访客数通过一个
单向编码计数，该编码由每天更换、当天结束即删除（最迟 48 小时内）的随机值生成，因此某一天的计数永远无法关联到你。</li>
${paymentItem(f)}
${moderationItem(f)}
${REPORTS_ITEM}
${supportItem(f)}
</ul>

<h2>我们如何使用这些信息</h2>
<ul>
<li>提供你请求的功能，保存你的历史和图库，并排查问题。</li>
<li>保护你的账户和服务的安全，执行可接受使用规则。</li>
<li>根据汇总的、不可识别个人的每日总数改进易用性。</li>
</ul>
${trainingSection(f)}

<h2>模型提供商</h2>
${providersSection(f)}

<h2>存储与安全</h2>
<p>每张图片以及你的每份数据导出都使用其所有者专属的密钥加密存储，该密钥本身又由服务器的主密钥加密。你的账户信息、提示词和设置
保存在服务器的数据库中。每个请求都会与已登录的账户核对，因此其他人无法读取你的文件或历史。传输过程中连接如何受保护（HTTPS）
取决于本服务器的部署方式。没有系统是完美的，我们无法保证绝对安全。</p>

<h2>共享</h2>
<p>我们不会向第三方出售、出租、交换或共享你的个人数据或图片，除非是你选择的模型提供商（见上文），或法律要求、为遵守法律程序，
或为保护服务使用者的安全、权利或财产。</p>

<h2>保存期限</h2>
<ul>
<li>你的图片和提示词会一直保留，直到你删除它们。删除的图片会在回收站中保留 ${days(f.trashRetentionDays)}，期间可以恢复；
之后文件、其派生文件和缩略图都会被清除。</li>
<li>登录和运行日志在 ${days(f.logRetentionDays)} 后删除；已发送的邮件也是如此。服务器的请求日志从不包含密码、会话令牌、
提示词或邮箱地址。</li>
<li>登录会话在 ${days(f.sessionTtlDays)} 未使用后结束并被删除。</li>
<li>数据导出文件在生成 ${days(f.exportRetentionDays)} 后删除。</li>
<li>每日使用总数（不含标识）保留 ${days(f.analyticsRetentionDays)}。</li>
<li>备份保留 ${days(f.backupKeepDays)} 后删除。</li>
${billingRetention(f)}
${f.moderation ? '<li>你被拒绝的提示词数量在账户存在期间保留，包含在你的数据导出中，并随账户一起清除。</li>' : ''}
${reportsRetention(f)}
${supportRetention(f)}
</ul>

<h2>你的权利和选择</h2>
<ul>
<li><strong>查看和更正</strong>：在账户设置中查看并更改你的姓名和邮箱地址（更改邮箱需要密码，并会向旧地址发送通知）。</li>
<li><strong>导出</strong>：以一个 zip 文件下载你的全部数据（账户、选择及你确认过的政策版本、会话、登录和安全事件、管理员对你账户的操作、
通行密钥和关联登录、API 令牌和 Webhook、额度、每个生成任务及其提示词和参数、保存的提示词、相册、分享链接、发给支持的消息、
写给你的每封邮件，以及你上传或生成的每张图片（包括回收站中的）及其详情），每 24 小时一次。</li>
<li><strong>删除</strong>：删除单张图片（通过回收站），或删除整个账户。删除账户会立即让你在所有设备上退出登录；
${days(f.deletionGraceDays)}后（期间再次登录即可取消）你的所有记录和文件都会被清除，你的加密密钥会被销毁，你也会从本服务器的
备份中被清除。恢复较早的备份时会重新执行此后的所有删除，因此已删除的账户永远不会恢复；备份在 ${days(f.backupKeepDays)} 后删除。
删除后只留下一条墓碑记录：你的账户 ID 和删除日期，别无其他，保留它是为了在恢复备份时再次清除你。运营者移出本服务器备份文件夹的
备份副本不在其管理范围内，不会被清除。</li>
<li><strong>邮件</strong>：产品新闻和使用技巧只在你选择接收时发送，每封都有一键退订链接。关于安全、账户以及本政策变更的必要通知
总会发送。</li>
<li><strong>Cookie</strong>：在横幅中接受或拒绝分析；随时可以通过页脚更改。</li>
</ul>

<h2>数据处理地点</h2>
<p>你的数据在本服务器运行的地点存储和处理。唯一发往其他地方的，是发给你所选模型提供商的请求（见上文）。</p>

<h2>本政策的变更</h2>
<p>本政策变更时，新版本会连同版本号和生效日期发布在本页。若变更属于重大变更，在此之前注册的每个人都会在登录时看到需要确认的通知，
并收到一封相关邮件。</p>

<h2>联系方式</h2>
<p>关于你的数据的任何问题或请求，${contact}。</p>`;
}
