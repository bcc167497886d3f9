import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { CardFactory, type Activity } from 'botbuilder';
import type { Notice } from '../domain/notice';
import { NotifierError, type Notifier } from '../domain/ports';
import { renderNotice } from './notice-renderer';

/**
 * Proactive messages through the Bot Connector. The connector client's HTTP pipeline paces every
 * request (the rate limiter) and is the one retry layer: it retries 429/503 after Retry-After and
 * 5xx/dropped connections. What still fails here is final for this attempt; the outbox tries a
 * retryable failure again on a later tick. Other 4xx (the user removed the bot, say) are final.
 */
export class BotFrameworkNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(reference: unknown, notice: Notice): Promise<void> {
    const ref = reference as Partial<ConversationReference>;
    const { text, card } = renderNotice(notice);
    const activity: Partial<Activity> = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    if (text) activity.text = text;
    // The adapter hands errors inside the turn to onTurnError and does not rethrow them:
    // catch the send's own failure here, or a 429 would look like a success.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, ref, async (context) => {
        try {
          await context.sendActivity(activity);
        } catch (e) {
          failure = e;
        }
      });
    } catch (e) {
      failure = e;
    }
    if (failure === undefined) return;
    const err = failure as Error & { statusCode?: number; code?: string };
    const status = err.statusCode;
    const final = status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408;
    throw new NotifierError(`${status ?? err.code ?? 'error'}: ${err.message}`, !final, status);
  }
}
