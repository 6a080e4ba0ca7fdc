import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clientInfo, requireAdmin, requireAuth } from '../../http/auth-context.js';
import { FileAnswer } from '../../http/schema-types.js';
import type { AssetService } from '../assets/service.js';
import { AdminReportPage, AdminReportQuery, AdminReportSchema, CreateReportBody, REPORT_ACTIONS, ReportIdParams, ReportReceipt } from './schemas.js';
import type { ReportService } from './service.js';

/**
 *   POST /reports {shareToken, assetId?, reason, note?}   report an image of a share link (201; 200 with the same report when already open)
 *   GET  /admin/reports?status=open&cursor=             the review queue (admins)
 *   GET  /admin/reports/:id/thumbnail                   the reported image's thumbnail (admins)
 *   POST /admin/reports/:id/dismiss|remove|warn|suspend  close it with an action (admins; audited)
 */
export function reportRoutes(reports: ReportService, assets: Pick<AssetService, 'thumbnail'>) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['reports'];
    const adminTags = ['reports', 'admin'];

    app.post('/reports', {
      schema: { tags, summary: 'Report an image you reached through a share link', body: CreateReportBody, response: { 200: ReportReceipt, 201: ReportReceipt } },
    }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      const { receipt, created } = await reports.report(user.id, request.body);
      return reply.status(created ? 201 : 200).send(receipt);
    });

    app.get('/admin/reports', { schema: { tags: adminTags, summary: 'Reports to review, oldest first (admins)', querystring: AdminReportQuery, response: { 200: AdminReportPage } } }, async (request) => {
      requireAdmin(request);
      return reports.list(request.query.status ?? 'open', request.query.cursor, request.query.limit);
    });

    app.get('/admin/reports/:id/thumbnail', {
      schema: { tags: adminTags, summary: 'The reported image\'s thumbnail (admins)', params: ReportIdParams, response: { 200: FileAnswer('The thumbnail', ['image/webp']) } },
    }, async (request, reply) => {
      requireAdmin(request);
      const image = await reports.reportedImage(request.params.id);
      const thumb = await assets.thumbnail(image.user_id, image.id);
      return reply.type('image/webp').header('cache-control', 'private, no-store').send(thumb.data);
    });

    for (const action of REPORT_ACTIONS) {
      app.post(`/admin/reports/:id/${action}`, {
        schema: { tags: adminTags, summary: `Close a report: ${action} (admins; audited)`, params: ReportIdParams, response: { 200: AdminReportSchema } },
      }, async (request) => {
        const { user } = requireAdmin(request);
        return reports.act(user.id, request.params.id, action, clientInfo(request).ip);
      });
    }
  };
}
