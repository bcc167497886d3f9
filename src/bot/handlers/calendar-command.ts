import { CardFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { calendarViews, saveBoardCalendar } from '../../app/board-calendar';
import { calendarCard } from '../../cards/calendar-card';
import { cardResponse } from '../invoke-response';
import { sender } from './sender';

/** `calendar [board]` (a board's managers): the calendar card of each board asked for. */
export async function onCalendarCommand(context: TurnContext, deps: AppDeps, boardQuery: string): Promise<void> {
  for (const view of await calendarViews(deps, await sender(context, deps), boardQuery)) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(calendarCard(view))] });
}

/** Save on the calendar card: the card again in place, saying what was saved, or why not. Rights come from the sender, not the card. */
export async function onSaveCalendar(context: TurnContext, deps: AppDeps, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const view = await saveBoardCalendar(deps, await sender(context, deps), { board: str(data.board), etag: str(data.etag), refs: Array.isArray(data.refs) ? data.refs.slice(0, 500) : [], inputs: data });
  return cardResponse(calendarCard(view));
}
