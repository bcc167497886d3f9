import { CardFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { boardsInView } from '../../app/board-picture';
import { claimBoardChannel, type ChannelOutcome } from '../../app/board-channel';
import { allBoards } from '../../app/board-picture';
import { boardChannel, buildDigest, requireBoardManager } from '../../app/digest';
import { digestCard } from '../../cards/digest-card';
import { chooseBoardCard, channelSetCard, teamWelcomeCard } from '../../cards/board-channel-card';
import { messageCard } from '../../cards/message-card';
import { DomainError, isDomainError } from '../../domain/errors';
import type { EscalationRules } from '../../domain/escalation';
import type { Notifier } from '../../domain/ports';
import { chatCard } from '../user-messages';
import { cardResponse } from '../invoke-response';
import { sender } from './sender';

export interface DigestDeps extends AppDeps {
  notifier: Notifier;
  rules: EscalationRules;
}

/** A channel thread's conversation id is `<channel>;messageid=<post>`: the channel is the part before. */
function channelOf(conversationId: string | undefined): string | undefined {
  return conversationId?.split(';')[0];
}

/** Digests are new posts in the channel, not replies in the thread where someone asked. */
function channelClaim(context: TurnContext): { channelId: string; reference: unknown } {
  const reference = TurnContext.getConversationReference(context.activity);
  const channelId = channelOf(reference.conversation?.id) ?? '';
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: channelId };
  return { channelId, reference };
}

/**
 * `digest now [board]` (board managers): each of the sender's boards' digest (or the board named),
 * posted to that board's channel.
 */
export async function onDigestNowCommand(context: TurnContext, deps: DigestDeps, boardQuery = ''): Promise<void> {
  const { person } = await requireBoardManager(deps, await sender(context, deps));
  const boards = await boardsInView(deps, person, boardQuery);
  if (boards.length === 0) throw new DomainError('BOARD_NOT_FOUND', `no board ${boardQuery}`, { query: boardQuery.slice(0, 80) });
  const count = (await allBoards(deps)).length;
  const here = channelOf(context.activity.conversation?.id);
  for (const board of boards) {
    const digest = await buildDigest(deps, board);
    const channel = await boardChannel(deps, board.key, count);
    const there = channelOf((channel?.reference as { conversation?: { id?: string } } | undefined)?.conversation?.id);
    if (!channel || there === here) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(digestCard(digest))] });
      if (!channel) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(chatCard(new DomainError('NO_BOARD_CHANNEL', `no channel for ${board.key}`, { board: board.name })))] });
      continue;
    }
    await deps.notifier.send(channel.reference, { kind: 'digest', digest });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(messageCard('Digest posted', `The escalation digest of ${board.name} is in its board channel.`, 'default'))] });
  }
}

/** `use this channel for digests [board]` (a board's managers, in a channel). */
export async function onUseChannelCommand(context: TurnContext, deps: DigestDeps, boardQuery = ''): Promise<void> {
  const type = context.activity.conversation?.conversationType;
  const who = await sender(context, deps);
  await requireBoardManager(deps, who);
  if (type !== 'channel') throw new DomainError('NOT_IN_CHANNEL', `conversation type ${type ?? 'none'}`);
  let boardKey: string | undefined;
  if (boardQuery.trim() !== '') {
    const { person } = await requireBoardManager(deps, who);
    const named = await boardsInView(deps, person, boardQuery);
    if (named.length === 0) throw new DomainError('BOARD_NOT_FOUND', `no board ${boardQuery}`, { query: boardQuery.slice(0, 80) });
    if (named.length === 1) boardKey = named[0]!.key;
  }
  const outcome = await claimBoardChannel(deps, who, channelClaim(context), boardKey);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(outcomeCard(outcome))] });
}

/** The board chosen on the "which board?" card; rights are checked again from the sender. */
export async function onUseChannelForBoard(context: TurnContext, deps: DigestDeps, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
  if (context.activity.conversation?.conversationType !== 'channel') throw new DomainError('NOT_IN_CHANNEL', 'board chosen outside a channel');
  const boardKey = typeof data.board === 'string' ? data.board : '';
  const outcome = await claimBoardChannel(deps, await sender(context, deps), channelClaim(context), boardKey);
  return cardResponse(outcomeCard(outcome));
}

/**
 * The app was added to a team. Installed by one of a board's managers, that channel becomes the
 * board's digest channel (or they are asked which board); installed by anyone else, the team is
 * welcomed and the board's channel stays where it is.
 */
export async function onTeamInstall(context: TurnContext, deps: DigestDeps): Promise<void> {
  let outcome: ChannelOutcome | undefined;
  try {
    outcome = await claimBoardChannel(deps, await sender(context, deps), channelClaim(context));
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'NOT_BOARD_MANAGER') throw e;
  }
  if (outcome?.kind === 'registered' && outcome.unchanged) return;
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(outcome ? outcomeCard(outcome) : teamWelcomeCard())] });
}

function outcomeCard(outcome: ChannelOutcome) {
  return outcome.kind === 'choose' ? chooseBoardCard(outcome.boards) : channelSetCard(outcome.board.name, outcome.moved, outcome.unchanged);
}
