import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Card } from '../cards/elements';

/** An Action.Execute answer that replaces the card in place. */
export function cardResponse(card: Card): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as unknown as Record<string, unknown> };
}

/** An Action.Execute answer that shows a message and leaves the card as it is (so nothing typed is lost). */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}
