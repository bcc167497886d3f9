import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { startCheckIn } from '../../app/check-in';
import { startProjectCheckIn } from '../../app/project-check-in';
import { checkInCard } from '../../cards/check-in-card';
import { pickPriorityCard } from '../../cards/pick-priority-card';
import { projectCheckInCard } from '../../cards/project-check-in-card';
import { sender } from './sender';

/** `checkin [priority]` → the check-in card, the projects' card for a project lead, or a card to pick. */
export async function onCheckInCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const result = await startCheckIn(deps, await sender(context, deps), query);
  const card = result.kind === 'card' ? checkInCard(result.view) : result.kind === 'projects' ? projectCheckInCard(result.view) : pickPriorityCard(result.priorities, 'checkin', result.strategyTitles, undefined, result.projectGroups);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** `projects [workstream]` → one card with a section per project the sender answers in that workstream. */
export async function onProjectsCommand(context: TurnContext, deps: AppDeps, query: string): Promise<void> {
  const view = await startProjectCheckIn(deps, await sender(context, deps), query);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(projectCheckInCard(view))] });
}
