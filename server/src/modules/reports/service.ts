import type { Asset, ContentReport, ReportStatus } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../http/errors.js';
import { cleanText } from '../../lib/clean-text.js';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { decodeCursor, toPage, type Page } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import type { AssetService } from '../assets/service.js';
import type { AdminUsersService } from '../auth/admin/service.js';
import type { UserRepository } from '../auth/repository.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { mailTemplates } from '../privacy/outbox/mail-templates.js';
import type { Outbox } from '../privacy/outbox/service.js';
import type { ShareService } from '../shares/service.js';
import type { ReportRepository } from './repository.js';
import type { AdminReportDto, CreateReportBody, ReportAction, ReportReceipt } from './schemas.js';

/** What the review queue shows of an account's past besides its reports (moderation and the security log). */
export interface AccountHistory {
  refusals(userId: string): Promise<{ count: number; lastCategory: string | null }>;
  suspensions(userId: string): Promise<number>;
}

export interface ReportServiceDeps {
  repo: ReportRepository;
  shares: Pick<ShareService, 'open'>;
  assets: Pick<AssetService, 'findOwned' | 'trash' | 'purgeAsset'>;
  users: Pick<UserRepository, 'findById'>;
  admin: Pick<AdminUsersService, 'suspend' | 'record'>;
  outbox: Pick<Outbox, 'send'>;
  history: AccountHistory;
  limits: Pick<RateLimits, 'take'>;
  clock: Clock;
  /** Closed reports are deleted this many days after they were closed. */
  retentionDays: number;
}

const STATUS_OF: Record<ReportAction, Exclude<ReportStatus, 'open'>> = {
  dismiss: 'dismissed', remove: 'removed', warn: 'warned', suspend: 'suspended',
};

const iso = (t: number | null) => (t === null ? null : new Date(Number(t)).toISOString());

const receiptOf = (r: ContentReport): ReportReceipt => ({ id: r.id, reason: r.reason, status: r.status, createdAt: iso(r.created_at)! });

/**
 * Reports of shared images and their review. A signed-in person reports an image they reached through a share link
 * (knowing the link is what lets them see it); administrators dismiss the report, remove the image (gone from every
 * link at once), warn its owner by email, or suspend the account through the admin console's own suspension.
 */
export class ReportService {
  constructor(private readonly d: ReportServiceDeps) {}

  async report(reporterId: string, body: CreateReportBody): Promise<{ receipt: ReportReceipt; created: boolean }> {
    const found = await this.d.shares.open(body.shareToken);
    if (!found.ok) throw new AppError('NOT_FOUND', 'This share link does not exist or no longer shows anything, so there is nothing to report.');
    const { share, images } = found.open;
    const image = this.pick(images, body.assetId);
    if (image.user_id === reporterId) throw new AppError('INVALID_STATE', 'This is your own image: trash it or revoke the link instead of reporting it.');
    const existing = await this.d.repo.findOpenBy(reporterId, image.id);
    if (existing) return { receipt: receiptOf(existing), created: false };
    await this.d.limits.take('report', reporterId);
    const note = body.note === undefined ? '' : cleanText(body.note);
    const report: ContentReport = {
      id: newId(), reporter_id: reporterId, owner_id: image.user_id, asset_id: image.id, share_id: share.id, reason: body.reason,
      note: note || null, status: 'open', created_at: this.d.clock.now(), resolved_at: null, resolved_by: null,
    };
    await this.d.repo.insert(report);
    return { receipt: receiptOf(report), created: true };
  }

  private pick(images: Asset[], assetId: string | undefined): Asset {
    if (assetId !== undefined) {
      const image = images.find((a) => a.id === assetId);
      if (!image) throw new AppError('NOT_FOUND', 'This link does not show that image.', { field: 'assetId' });
      return image;
    }
    if (images.length > 1) throw invalid('This link shows several images: say which one you report (assetId).', 'assetId');
    return images[0]!;
  }

  // ---- the review queue (administrators) ---------------------------------------------------------------

  async list(status: ReportStatus, cursor: string | undefined, limit = 50): Promise<Page<AdminReportDto>> {
    const rows = await this.d.repo.page(status, decodeCursor(cursor), limit + 1);
    const page = toPage(rows.map((r) => ({ ...r, created_at: Number(r.created_at) })), limit, (r) => r);
    return { items: await Promise.all(page.items.map((r) => this.review(r))), nextCursor: page.nextCursor };
  }

  /** The reported image's thumbnail, for the queue (only while a report names it). */
  async reportedImage(reportId: string): Promise<Asset> {
    const report = await this.requireReport(reportId);
    const asset = await this.d.assets.findOwned(report.owner_id, report.asset_id);
    if (!asset) throw new AppError('NOT_FOUND', 'The reported image is gone (removed, or deleted by its owner).');
    return asset;
  }

  async act(adminId: string, reportId: string, action: ReportAction, ip: string | null): Promise<AdminReportDto> {
    const report = await this.requireReport(reportId);
    if (report.status !== 'open') throw new AppError('INVALID_STATE', `This report was closed already (${report.status}).`);
    const now = this.d.clock.now();
    if (action === 'remove') await this.removeImage(report);
    if (action === 'warn') await this.warn(report);
    if (action === 'suspend') await this.d.admin.suspend(adminId, report.owner_id, `Reported image (${report.reason}), report ${report.id}`, ip);
    if (!(await this.d.repo.resolve(report.id, STATUS_OF[action], adminId, now))) {
      throw new AppError('INVALID_STATE', 'Another administrator closed this report at the same moment.');
    }
    // The image is gone: the other open reports of it are answered too.
    if (action === 'remove') await this.d.repo.resolveOpenOfAsset(report.asset_id, adminId, now);
    await this.d.admin.record(adminId, `admin.report_${STATUS_OF[action]}`, report.owner_id, ip, { report: report.id, asset: report.asset_id, reason: report.reason });
    return this.review((await this.d.repo.find(report.id))!);
  }

  /** Trashed and purged at once: the image leaves every share link and the owner's library, blobs included. */
  private async removeImage(report: ContentReport): Promise<void> {
    const asset = await this.d.assets.findOwned(report.owner_id, report.asset_id);
    if (!asset) return;
    if (asset.deleted_at === null) await this.d.assets.trash(report.owner_id, asset.id);
    await this.d.assets.purgeAsset(report.owner_id, asset.id);
  }

  private async warn(report: ContentReport): Promise<void> {
    const owner = await this.d.users.findById(report.owner_id);
    if (!owner) throw new AppError('NOT_FOUND', 'The account that owns this image no longer exists.');
    const mail = mailTemplates(owner.language).moderationWarning({ name: owner.name || '', assetId: report.asset_id, reason: report.reason });
    await this.d.outbox.send({ userId: owner.id, to: owner.email, type: 'moderation.warning', dedupeKey: `report-warning:${report.id}`, ...mail });
  }

  private async review(r: ContentReport): Promise<AdminReportDto> {
    const [asset, reporter, owner, reports, refusals, suspensions] = await Promise.all([
      this.d.assets.findOwned(r.owner_id, r.asset_id),
      r.reporter_id === null ? undefined : this.d.users.findById(r.reporter_id),
      this.d.users.findById(r.owner_id),
      this.d.repo.countsAbout(r.owner_id),
      this.d.history.refusals(r.owner_id),
      this.d.history.suspensions(r.owner_id),
    ]);
    return {
      id: r.id, status: r.status, reason: r.reason, note: r.note, createdAt: iso(r.created_at)!, resolvedAt: iso(r.resolved_at),
      image: {
        assetId: r.asset_id,
        thumbnailUrl: asset ? `/api/v1/admin/reports/${r.id}/thumbnail` : null,
        prompt: asset && asset.kind !== 'upload' ? asset.search_text : null,
      },
      reporter: reporter ? { id: reporter.id, email: reporter.email, name: reporter.name } : null,
      owner: {
        id: r.owner_id, email: owner?.email ?? null, name: owner?.name ?? null, status: owner?.status ?? null,
        suspensionReason: owner?.suspension_reason ?? null,
      },
      history: { reports, refusedPrompts: refusals.count, lastRefusedCategory: refusals.lastCategory, suspensions },
    };
  }

  private async requireReport(id: string): Promise<ContentReport> {
    const report = await this.d.repo.find(id);
    if (!report) throw notFound('Report');
    return report;
  }

  /** Retention (daily maintenance): reports closed more than `retentionDays` ago. */
  deleteExpired(): Promise<number> {
    return this.d.repo.deleteResolvedBefore(this.d.clock.now() - this.d.retentionDays * DAY_MS);
  }
}
