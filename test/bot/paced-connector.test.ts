import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity, ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { PacedBotFrameworkAuthentication } from '../../src/bot/paced-connector';
import { RateLimiter, TEAMS_LIMITS, type Permit } from '../../src/bot/rate-limiter';
import { ConnectorStandIn } from '../support/connector-stand-in';

type Pipeline = { getOrderedPolicies(): { name: string }[] };
const pipelineOf = (client: unknown) => (client as { client?: { pipeline?: Pipeline } }).client?.pipeline;

/**
 * The limiter sits in the Connector client's HTTP pipeline, after the retry step. There is no
 * public hook that holds: ConnectorClientOptions.requestPolicyFactories is overwritten by the
 * SDK's own factory. So the pipeline is reached through a private field; these tests fail the
 * day botbuilder changes either fact, instead of pacing silently stopping.
 */
describe('pacing in the Bot Connector pipeline', () => {
  it('the public hook is still overwritten by the SDK (if this fails, move to requestPolicyFactories)', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      let seen = 0;
      const mine = { create: (next: { sendRequest(r: unknown): Promise<unknown> }) => ({ sendRequest: (r: unknown) => (seen++, next.sendRequest(r)) }) };
      const auth = new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, { requestPolicyFactories: [mine] } as never);
      const client = await auth.createConnectorFactory(new ClaimsIdentity([], true)).create(url, undefined);
      await client.conversations.sendToConversation('c', { type: 'message', text: 'hi' } as never);
      assert.equal(seen, 0, 'a policy given through ConnectorClientOptions was used');
      // Control: the same policy on a client made directly is used, so the check above can see it.
      const direct = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: url, requestPolicyFactories: [mine] } as never);
      await direct.conversations.sendToConversation('c', { type: 'message', text: 'hi' } as never);
      assert.equal(seen, 1);
    } finally {
      server.close();
    }
  });

  it('every client the bot makes, for proactive sends and for replies in a turn, has the limiter after the retry policy', async () => {
    const auth = new PacedBotFrameworkAuthentication({}, new RateLimiter(TEAMS_LIMITS));
    const proactive = await auth.createConnectorFactory(new ClaimsIdentity([], true)).create('http://127.0.0.1:9/', undefined);
    const names = pipelineOf(proactive)?.getOrderedPolicies().map((p) => p.name) ?? [];
    const retry = names.findIndex((n) => /retry/i.test(n));
    const pace = names.indexOf('hwbTeamsRateLimit');
    assert.ok(retry >= 0, `a retry policy in ${names.join(', ')}`);
    assert.ok(pace > retry, `the limiter (${pace}) comes after the retry policy (${retry}) in ${names.join(', ')}`);

    // A turn's own factory (replies) comes from authenticateRequest, not createConnectorFactory.
    const activity = { type: 'message', serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', conversation: { id: 'c' } };
    const turn = await auth.authenticateRequest(activity as never, '');
    const reply = await turn.connectorFactory!.create('http://127.0.0.1:9/', undefined);
    assert.ok(pipelineOf(reply)?.getOrderedPolicies().some((p) => p.name === 'hwbTeamsRateLimit'), 'replies are paced too');
  });

  it('opening a 1:1 and reading a roster page wait in the limiter: a create counts app-wide only, a page against its team', async () => {
    const connector = await new ConnectorStandIn().start();
    try {
      connector.rosters.set('19:team', [{ id: '29:a', name: 'A' }]);
      const taken: string[] = [];
      // A request keeps its place in the window until its answer is read: the pipeline must say when.
      const answered: string[] = [];
      class RecordingLimiter extends RateLimiter {
        override async take(conversationId: string): Promise<Permit> {
          taken.push(conversationId);
          const permit = await super.take(conversationId);
          return { done: () => (answered.push(conversationId), permit.done()) };
        }
      }
      const auth = new PacedBotFrameworkAuthentication({}, new RecordingLimiter(TEAMS_LIMITS));
      const client = await auth.createConnectorFactory(new ClaimsIdentity([], true)).create(connector.url, undefined);
      const page = await client.conversations.getConversationPagedMembers('19:team', { pageSize: 100, continuationToken: undefined as unknown as string });
      assert.equal(page.members?.[0]?.id, '29:a');
      assert.deepEqual(answered, ['19:team'], 'the permit is given back once the answer is in');
      const created = await client.conversations.createConversation({ isGroup: false, bot: { id: '28:bot', name: 'Bot' }, members: [{ id: '29:a', name: 'A' }], tenantId: 't', channelData: { tenant: { id: 't' } } });
      assert.equal(created.id, 'a:personal-29:a');
      assert.equal(taken.length, 2);
      assert.equal(taken[0], '19:team');
      assert.match(taken[1]!, /^\(no conversation \d+\)$/, 'a create is its own key: it waits for the app-wide window only');
    } finally {
      await connector.stop();
    }
  });
});
