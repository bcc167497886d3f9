import type { AppDeps } from '../../app/deps';
import { boardReport } from '../../app/report';
import { verifyReportLink } from '../../links/report-links';
import { renderReport } from '../../report/render-report';
import { REPORT_LINK_EXPIRED, REPORT_LINK_INVALID } from '../../bot/user-messages';
import { PLAIN_TEXT } from '../answer';
import { handled, plainRefusal } from '../errors';
import type { RouteModule } from '../route-module';

/**
 * GET /reports?token=…: a board report file behind the signed, expiring link the `report`
 * command gives (see src/links/report-links.ts). The link is the credential, naming one
 * strategy, period and format. The token travels in the query string: restify's router refuses
 * path parameters longer than 100 characters.
 */
export function reportRoutes(deps: { app: AppDeps; linkSecret: string }): RouteModule {
  return {
    paths: 'GET /reports',
    register(server, { log }) {
      server.get(
        '/reports',
        handled(log, '/reports', plainRefusal, async (req) => {
          const token = new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
          const verified = await verifyReportLink(token, deps.linkSecret, deps.app.clock.now());
          if (!verified.ok) return { ...(verified.reason === 'expired' ? REPORT_LINK_EXPIRED : REPORT_LINK_INVALID), contentType: PLAIN_TEXT };
          const { claims } = verified;
          const file = await renderReport(await boardReport(deps.app, claims.strategy, claims.period), claims.format);
          return {
            status: 200,
            contentType: file.contentType,
            body: file.body,
            headers: { 'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"` },
          };
        }),
      );
    },
  };
}
