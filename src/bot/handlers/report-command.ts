import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { reportChoices, type ReportChoice, type ReportFormat } from '../../app/report';
import { reportCard, reportChoicesCard } from '../../cards/report-card';
import { signReportLink } from '../../links/report-links';
import { sender } from './sender';

export interface ReportLinkSettings {
  /** Where people reach the bot's HTTP endpoint (PUBLIC_URL, else the address it listens on: see src/http/host.ts). */
  baseUrl: () => string;
  secret: string;
  minutes: number;
}

/** `report [strategy] [period]` (board managers): a card with signed, expiring links to the files. */
export async function onReportCommand(context: TurnContext, deps: AppDeps & { reportLinks: ReportLinkSettings }, text: string): Promise<void> {
  const choices = await reportChoices(deps, await sender(context, deps), text);
  const { secret, minutes } = deps.reportLinks;
  const baseUrl = deps.reportLinks.baseUrl();
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
