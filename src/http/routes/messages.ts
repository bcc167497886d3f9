import type { MessageEndpoint } from '../../bot/inbound';
import { handled, plainRefusal } from '../errors';
import type { RouteModule } from '../route-module';
import { PLAIN_TEXT, type Answer } from '../answer';

/** POST /api/messages: the Bot Connector's activities, through the bot's gate, to the bot. */
export function messageRoutes(bot: MessageEndpoint): RouteModule {
  return {
    paths: 'POST /api/messages',
    register(server, { log }) {
      server.post(
        '/api/messages',
        handled(log, '/api/messages', plainRefusal, async (req, res): Promise<Answer | undefined> => {
          const refusal = await bot.admit({ body: req.body, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress });
          if (refusal) return { status: refusal.status, contentType: PLAIN_TEXT, body: refusal.body, ...(refusal.headers ? { headers: refusal.headers } : {}) };
          await bot.process(req, res);
          return undefined;
        }),
      );
    },
  };
}
