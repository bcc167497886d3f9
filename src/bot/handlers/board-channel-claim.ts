import { TurnContext } from 'botbuilder';
import type { ChannelOutcome } from '../../app/board-channel';
import { chooseBoardCard, channelSetCard } from '../../cards/board-channel-card';

/** A channel thread's conversation id is `<channel>;messageid=<post>`: the channel is the part before. */
export function channelOf(conversationId: string | undefined): string | undefined {
  return conversationId?.split(';')[0];
}

/** Digests are new posts in the channel, not replies in the thread where someone asked. */
export function channelClaim(context: TurnContext): { channelId: string; reference: unknown } {
  const reference = TurnContext.getConversationReference(context.activity);
  const channelId = channelOf(reference.conversation?.id) ?? '';
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: channelId };
  return { channelId, reference };
}

export function channelOutcomeCard(outcome: ChannelOutcome) {
  return outcome.kind === 'choose' ? chooseBoardCard(outcome.boards) : channelSetCard(outcome.board.name, outcome.moved, outcome.unchanged);
}
