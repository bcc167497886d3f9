import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { editCheckIn, openCheckInFor, submitCheckIn } from '../../app/check-in';
import { statusByRef } from '../../app/status';
import { checkInCard } from '../../cards/check-in-card';
import { receiptCard } from '../../cards/receipt-card';
import { statusCard } from '../../cards/status-card';
import { cardResponse } from '../invoke-response';
import { sender } from './sender';

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Submit: valid → receipt in place of the card; invalid or stale → the card again, with messages. */
export async function onSubmitCheckIn(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const result = await submitCheckIn(deps, await sender(context, deps), {
    priority: str(data.priority),
    period: str(data.period),
    baseVersion: typeof data.baseVersion === 'number' ? data.baseVersion : Number(data.baseVersion),
    submissionId: str(data.submissionId),
    inputs: data,
  });
  return cardResponse(result.kind === 'receipt' ? receiptCard(result.view) : checkInCard(result.view));
}

export async function onEditCheckIn(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(checkInCard(await editCheckIn(deps, await sender(context, deps), str(data.priority), str(data.period))));
}

export async function onOpenCheckIn(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(checkInCard(await openCheckInFor(deps, await sender(context, deps), str(data.priority))));
}

export async function onShowStatus(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(statusCard(await statusByRef(deps, await sender(context, deps), str(data.priority)), deps.board.timeZone));
}
