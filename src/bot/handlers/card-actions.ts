import { CardFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { editCheckIn, openCheckInFor, startFromLastAnswer, submitCheckIn, type CheckInSubmit } from '../../app/check-in';
import { MAX_SECTIONS, projectSectionFromLast, startProjectCheckIn, submitProjectCheckIns } from '../../app/project-check-in';
import { historyPage } from '../../app/history';
import { statusByRef } from '../../app/status';
import { historyCard } from '../../cards/history-card';
import { checkInCard } from '../../cards/check-in-card';
import { projectCheckInCard, projectReceiptCard } from '../../cards/project-check-in-card';
import { receiptCard } from '../../cards/receipt-card';
import { statusCard } from '../../cards/status-card';
import { cardResponse, messageResponse } from '../invoke-response';
import { sender } from './sender';

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Submit: valid → receipt in place of the card; invalid or stale → the card again, with messages. */
export async function onSubmitCheckIn(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const result = await submitCheckIn(deps, await sender(context, deps), {
    unit: str(data.priority),
    period: str(data.period),
    baseVersion: typeof data.baseVersion === 'number' ? data.baseVersion : Number(data.baseVersion),
    submissionId: str(data.submissionId),
    inputs: data,
    channel: 'teams',
  });
  return cardResponse(result.kind === 'receipt' ? receiptCard(result.view) : checkInCard(result.view));
}

/**
 * Several projects' sections from one card: each section's inputs carry its prefix. The sections
 * list comes from the card, so it is untrusted: the use case checks every key before saving any.
 */
export async function onSubmitProjects(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const result = await submitProjectCheckIns(deps, await sender(context, deps), str(data.workstream), sectionsOf(data));
  return cardResponse(result.kind === 'receipts' ? projectReceiptCard(result, deps.board.timeZone) : projectCheckInCard(result.view));
}

/** Each section of a projects' card, its inputs found by its prefix. One more than allowed is kept, so too many is refused, not cut. */
function sectionsOf(data: Data): CheckInSubmit[] {
  return (Array.isArray(data.sections) ? data.sections : []).slice(0, MAX_SECTIONS + 1).map((raw): CheckInSubmit => {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Data;
    const prefix = /^p\d{1,2}_$/.test(str(s.prefix)) ? str(s.prefix) : 'none_';
    const inputs = Object.fromEntries(Object.entries(data).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    return { unit: str(s.priority), period: str(s.period), baseVersion: typeof s.baseVersion === 'number' ? s.baseVersion : Number(s.baseVersion), submissionId: str(s.submissionId), inputs, channel: 'teams' };
  });
}

/** "Start from last answer" on a project's section: the card again, that section filled, the others as typed. */
export async function onProjectFromLast(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const index = typeof data.section === 'number' ? data.section : Number(data.section);
  return cardResponse(projectCheckInCard(await projectSectionFromLast(deps, await sender(context, deps), str(data.workstream), sectionsOf(data), index)));
}

/** "Start from last answer" on a check-in card: the same card, its inputs filled from the latest earlier answer. */
export async function onCheckInFromLast(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(checkInCard(await startFromLastAnswer(deps, await sender(context, deps), { priority: str(data.priority), period: str(data.period), submissionId: data.submissionId })));
}

/** The projects' button on a pick card: their card in its place. */
export async function onOpenProjects(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(projectCheckInCard(await startProjectCheckIn(deps, await sender(context, deps), str(data.workstream) || undefined)));
}

export async function onEditCheckIn(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(checkInCard(await editCheckIn(deps, await sender(context, deps), str(data.priority), str(data.period))));
}

export async function onOpenCheckIn(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  return cardResponse(checkInCard(await openCheckInFor(deps, await sender(context, deps), str(data.priority))));
}

/**
 * Status buttons sit on digests and lists that others read too: the status card comes as a new
 * message and the card with the button stays as it was.
 */
export async function onShowStatus(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const view = await statusByRef(deps, await sender(context, deps), str(data.priority));
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(statusCard(view, deps.board.timeZone))] });
  return messageResponse(`Status of ${view.priority.number} sent below.`);
}

/** "Older versions" on a history card: the next page in place of this one. */
export async function onHistoryMore(context: TurnContext, deps: AppDeps, data: Data): Promise<AdaptiveCardInvokeResponse> {
  const offset = typeof data.offset === 'number' ? data.offset : Number(data.offset);
  const from = str(data.from) || undefined;
  const to = str(data.to) || undefined;
  return cardResponse(historyCard(await historyPage(deps, await sender(context, deps), str(data.priority), offset, from, to), deps.board.timeZone));
}
