import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { chatSummary } from '../../app/summary';
import { summaryCard } from '../../cards/summary-card';
import { sender } from './sender';

/** `summary [strategy or theme]` → RAG and direction-of-travel counts. */
export async function onSummaryCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const views = await chatSummary(deps, await sender(context, deps), query);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(summaryCard(views))] });
}
