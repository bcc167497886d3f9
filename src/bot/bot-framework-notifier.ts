import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { CardFactory, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { NotifierError, type Notifier, type OutboundMessage } from '../domain/ports';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, maxMs: 30_000 };

interface HttpishError {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> };
}

function retryAfterMs(e: HttpishError): number | undefined {
  const headers = e.response?.headers;
  const raw = headers && typeof (headers as { get?: unknown }).get === 'function' ? (headers as { get(n: string): string | undefined }).get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Proactive messages through the Bot Connector (paced by the rate limiter in the adapter's HTTP
 * pipeline). Once the SDK's own retries are spent, 429 waits for
 * Retry-After (or backs off exponentially with jitter when the header is missing), 5xx and
 * dropped connections back off and retry; other 4xx (the user removed the bot, say) are final.
 */
export class BotFrameworkNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly log: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async send(reference: unknown, message: OutboundMessage): Promise<void> {
    const ref = reference as Partial<ConversationReference>;
    const activity: Partial<Activity> = { type: 'message' };
    if (message.text) activity.text = message.text;
    if (message.card) activity.attachments = [CardFactory.adaptiveCard(message.card)];
    const conversationId = ref.conversation?.id ?? 'unknown';
    let lastError = 'no attempt made';
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      try {
        // The adapter hands errors inside the turn to onTurnError and does not rethrow them:
        // catch the send's own failure here, or a 429 would look like a success.
        let failure: unknown;
        await this.adapter.continueConversationAsync(this.appId, ref, async (context) => {
          try {
            await context.sendActivity(activity);
          } catch (e) {
            failure = e;
          }
        });
        if (failure !== undefined) throw failure;
        return;
      } catch (e) {
        const err = e as HttpishError & Error;
        const status = err.statusCode;
        lastError = `${status ?? err.code ?? 'error'}: ${err.message}`;
        if (status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408) throw new NotifierError(lastError, false, status);
        const backoff = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
        const wait = status === 429 ? (retryAfterMs(err) ?? backoff) : backoff;
        this.log.warn({ status, attempt, waitMs: Math.round(wait), conversation: conversationId }, 'send failed; will retry');
        if (attempt < this.retry.attempts) await this.sleep(wait);
      }
    }
    throw new NotifierError(`gave up after ${this.retry.attempts} attempts (${lastError})`, true);
  }
}
