import { CardFactory, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { BOARD_CHANNEL_KEY, buildDigest, requireBoardManager } from '../../app/digest';
import { digestCard } from '../cards/digest-card';
import { messageCard } from '../cards/message-card';
import { DomainError } from '../../domain/errors';
import type { EscalationRules } from '../../domain/escalation';
import type { Notifier } from '../../domain/ports';
import { sender } from './sender';

export interface DigestDeps extends AppDeps {
  notifier: Notifier;
  rules: EscalationRules;
}

/** `digest now` (board managers): the digest card, posted to the board channel. */
export async function onDigestNowCommand(context: TurnContext, deps: DigestDeps): Promise<void> {
  await requireBoardManager(deps, await sender(context, deps));
  const digest = await buildDigest(deps, deps.rules);
  const card = digestCard(digest);
  const channel = await deps.conversations.get(BOARD_CHANNEL_KEY);
  const here = channelOf(context.activity.conversation?.id);
  if (channel && channelOf((channel.reference as { conversation?: { id?: string } }).conversation?.id) === here) {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    return;
  }
  if (!channel) {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    throw new DomainError('NO_BOARD_CHANNEL', 'no board channel registered');
  }
  await deps.notifier.send(channel.reference, { kind: 'digest', digest });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(messageCard('Digest posted', 'The escalation digest is in the board channel.', 'default'))] });
}

/** `use this channel for digests` (board managers, in a channel). */
export async function onUseChannelCommand(context: TurnContext, deps: AppDeps): Promise<void> {
  await requireBoardManager(deps, await sender(context, deps));
  const type = context.activity.conversation?.conversationType;
  if (type !== 'channel') throw new DomainError('NOT_IN_CHANNEL', `conversation type ${type ?? 'none'}`);
  await registerBoardChannel(context, deps);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(messageCard('Board channel set', 'Escalation digests will be posted here.', 'default'))] });
}

/** A channel thread's conversation id is `<channel>;messageid=<post>`: the channel is the part before. */
function channelOf(conversationId: string | undefined): string | undefined {
  return conversationId?.split(';')[0];
}

/** Digests are new posts in the channel, not replies in the thread where someone asked. */
export async function registerBoardChannel(context: TurnContext, deps: AppDeps): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: channelOf(reference.conversation.id)! };
  await deps.conversations.put({ key: BOARD_CHANNEL_KEY, reference, updatedAt: deps.clock.now().toISOString() });
}
