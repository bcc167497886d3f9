import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { routeDigests } from '../../app/digest';
import { digestCard } from '../../cards/digest-card';
import { messageCard } from '../../cards/message-card';
import { DomainError } from '../../domain/errors';
import type { Notifier } from '../../domain/ports';
import { chatCard } from '../user-messages';
import { channelOf } from './board-channel-claim';
import { sender } from './sender';

/**
 * `digest now [board]` (board managers): where each board's digest goes is the use case's
 * decision (routeDigests: one board per channel); this only posts and says where each went.
 */
export async function onDigestNowCommand(context: TurnContext, deps: AppDeps & { notifier: Notifier }, boardQuery = ''): Promise<void> {
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
