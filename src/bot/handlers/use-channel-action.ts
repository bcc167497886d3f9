import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { claimBoardChannel } from '../../app/board-channel';
import { DomainError } from '../../domain/errors';
import type { Notifier } from '../../domain/ports';
import { cardResponse } from '../invoke-response';
import { channelClaim, channelOutcomeCard } from './board-channel-claim';
import { sender } from './sender';

/** The board chosen on the "which board?" card; rights are checked again from the sender. */
export async function onUseChannelAction(context: TurnContext, deps: AppDeps & { notifier: Notifier }, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
  if (context.activity.conversation?.conversationType !== 'channel') throw new DomainError('NOT_IN_CHANNEL', 'board chosen outside a channel');
  const boardKey = typeof data.board === 'string' ? data.board : '';
  const outcome = await claimBoardChannel(deps, await sender(context, deps), channelClaim(context), boardKey);
  return cardResponse(channelOutcomeCard(outcome));
}
