import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { resolveReportRequest, signReportLink, type ReportFormat } from '../../app/report';
import { reportCard } from '../../cards/report-card';
import { sender } from './sender';

export interface ReportLinkSettings {
  /** Where people reach the bot's HTTP endpoint (its public URL behind Teams). */
  baseUrl: string;
  secret: string;
  minutes: number;
}

/** `report [strategy] [period]` (board managers): a card with signed, expiring links to the files. */
export async function onReportCommand(context: TurnContext, deps: AppDeps & { reportLinks: ReportLinkSettings }, text: string): Promise<void> {
  const req = await resolveReportRequest(deps, await sender(context, deps), text);
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + deps.reportLinks.minutes * 60;
  const link = (format: ReportFormat) => `${deps.reportLinks.baseUrl}/reports?token=${signReportLink({ strategy: req.strategyKey, ...(req.period ? { period: req.period } : {}), format, exp }, deps.reportLinks.secret)}`;
  const card = reportCard(req.title, req.period, [
    { label: 'Word (.docx)', url: link('docx') },
    { label: 'Markdown', url: link('md') },
    { label: 'CSV', url: link('csv') },
  ], deps.reportLinks.minutes);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
