import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { boardReport, reportChoices, type ReportChoice, type ReportFormat } from '../../app/report';
import { reportCard, reportChoicesCard } from '../../cards/report-card';
import { renderReport } from '../../report/render-report';
import { signReportLink, verifyReportLink } from '../report-links';
import { httpError, REPORT_LINK_EXPIRED, REPORT_LINK_INVALID } from '../user-messages';
import { sender } from './sender';

export interface ReportLinkSettings {
  /** Where people reach the bot's HTTP endpoint (its public URL behind Teams). */
  baseUrl: string;
  secret: string;
  minutes: number;
}

/** `report [strategy] [period]` (board managers): a card with signed, expiring links to the files. */
export async function onReportCommand(context: TurnContext, deps: AppDeps & { reportLinks: ReportLinkSettings }, text: string): Promise<void> {
  const choices = await reportChoices(deps, await sender(context, deps), text);
  const { baseUrl, secret, minutes } = deps.reportLinks;
  const linksFor = async (req: ReportChoice) => {
    const link = async (format: ReportFormat) => `${baseUrl}/reports?token=${await signReportLink({ strategy: req.strategyKey, ...(req.period ? { period: req.period } : {}), format }, secret, deps.clock.now(), minutes)}`;
    return [
      { label: 'Word (.docx)', url: await link('docx') },
      { label: 'Markdown', url: await link('md') },
      { label: 'CSV', url: await link('csv') },
    ];
  };
  // One strategy: its links; several (a manager of several boards): each strategy of each board.
  const card = choices.length === 1 ? reportCard(choices[0]!.title, choices[0]!.period, await linksFor(choices[0]!), minutes) : reportChoicesCard(await Promise.all(choices.map(async (c) => ({ ...c, links: await linksFor(c) }))), minutes);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

export interface DownloadAnswer {
  status: number;
  body: Buffer | string;
  contentType: string;
  fileName?: string;
}

/** GET /reports?token=…: the link is the credential, naming one strategy, period and format. */
export async function onReportDownload(deps: AppDeps, secret: string, token: string): Promise<DownloadAnswer> {
  const text = 'text/plain; charset=utf-8';
  const verified = await verifyReportLink(token, secret, deps.clock.now());
  if (!verified.ok) return { ...(verified.reason === 'expired' ? REPORT_LINK_EXPIRED : REPORT_LINK_INVALID), contentType: text };
  const { claims } = verified;
  try {
    const file = await renderReport(await boardReport(deps, claims.strategy, claims.period), claims.format);
    return { status: 200, ...file };
  } catch (e) {
    return { ...httpError(e), contentType: text };
  }
}
