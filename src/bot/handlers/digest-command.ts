import { CardFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { boardsInView } from '../../app/board-picture';
import { claimBoardChannel, type ChannelOutcome } from '../../app/board-channel';
import { requireBoardManager, routeDigests } from '../../app/digest';
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
 * `digest now [board]` (board managers): where each board's digest goes is the use case's
 * decision (routeDigests: one board per channel); this only posts and says where each went.
 */
export async function onDigestNowCommand(context: TurnContext, deps: DigestDeps, boardQuery = ''): Promise<void> {
  const personal = context.activity.conversation?.conversationType === 'personal';
  const routes = await routeDigests(deps, await sender(context, deps), boardQuery, { ...(personal ? {} : { channelId: channelOf(context.activity.conversation?.id) ?? '' }), personal });
  const say = (c: ReturnType<typeof messageCard>) => context.sendActivity({ attachments: [CardFactory.adaptiveCard(c)] });
  for (const r of routes) {
    const noChannel = () => say(chatCard(new DomainError('NO_BOARD_CHANNEL', `no channel for ${r.board.key}`, { board: r.board.name })));
    if (r.to === 'here') {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(digestCard(r.digest))] });
      if (r.noChannel) await noChannel();
    } else if (r.to === 'board-channel') {
      await deps.notifier.send(r.channel.reference, { kind: 'digest', digest: r.digest });
      await say(messageCard('Digest posted', `The escalation digest of ${r.board.name} is in its board channel.`, 'default'));
    } else if (r.chat) {
      // Never another board's digest in this channel: it goes to the sender's personal chat.
      await deps.notifier.send(r.chat.reference, { kind: 'digest', digest: r.digest });
      await say(messageCard('Digest sent to your personal chat', `${r.board.name} has no board channel yet, so its escalation digest went to your personal chat with me, not here. In its own channel, mention me with "use this channel for digests".`, 'default'));
    } else await noChannel();
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
