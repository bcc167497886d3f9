import { CardFactory, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { boardsInView } from '../../app/board-picture';
import { claimBoardChannel } from '../../app/board-channel';
import { requireBoardManager } from '../../app/digest';
import { DomainError } from '../../domain/errors';
import type { Notifier } from '../../domain/ports';
import { channelClaim, channelOutcomeCard } from './board-channel-claim';
import { sender } from './sender';

/** `use this channel for digests [board]` (a board's managers, in a channel). */
export async function onUseChannelCommand(context: TurnContext, deps: AppDeps & { notifier: Notifier }, boardQuery = ''): Promise<void> {
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
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(channelOutcomeCard(outcome))] });
}
