import { strict as assert } from 'node:assert';
import { UNEXPECTED } from '../../src/bot/user-messages';
import fc from 'fast-check';
import { isRag } from '../../src/domain/rag';
import { TEXT_LIMITS } from '../../src/domain/check-in';
import { ALEX, cardAction, GRACE, MEGAN, message, submitFrom, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

/**
 * Generated bad input through the real HTTP endpoint: card submits and chat messages with
 * missing parts, wrong types, huge and control-character strings, prototype keys, ratings outside
 * the three, numbers as words, keys with / \ # ? and OData quote injection. Every one must get a
 * clear answer (never a 5xx, never silence) and no stored row may break the schema.
 */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom("19' or PartitionKey ne '", 'a/b\\c#d?e', '<at>Alex Wilber</at>', '**bold** [x](http://evil)', '<script>alert(1)</script>', '__proto__', 'constructor', '\u0000\u0007\u001b[31m', 'twelve', '1e309', 'NaN', '-0', '𝒳'.repeat(50)),
  fc.constant('x'.repeat(70 * 1024)),
);
const anyValue = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));

describe('bad input, generated (fast-check), over the real endpoint', function () {
  this.timeout(300_000);
  let bot: BotHarness;
  let good: { verb: string; data: Record<string, unknown> };
  const users: TeamsUser[] = [ALEX, MEGAN, GRACE, { id: '29:x', name: 'Nobody' }];

  before(async () => {
    bot = await new BotHarness('2026-10-20T10:00:00Z').start();
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin'));
    good = submitFrom(bot.connector.lastCard(), {});
  });
  after(async () => bot.stop());

  it('250 card submits: always a 200/400 answer with a card or message, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...users),
        fc.record(
          {
            rag: fc.oneof(fc.constantFrom('red', 'amber', 'green', 'purple', 'RED', ''), anyValue),
            update: anyValue,
            nextSteps: anyValue,
            ragReason: anyValue,
            'kpi_falls-admissions': anyValue,
            priority: fc.oneof(fc.constant(good.data.priority), nasty),
            period: fc.oneof(fc.constant(good.data.period), nasty),
            baseVersion: anyValue,
            submissionId: anyValue,
            ['__proto__']: anyValue,
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('full', 'no-action', 'no-value', 'bad-verb', 'array-data'),
        async (user, fields, shape) => {
          const activity = cardAction(user, bot.serviceUrl, good.verb, { ...good.data, ...fields });
          const value = activity.value as { action?: Record<string, unknown> };
          if (shape === 'no-action') delete value.action;
          if (shape === 'no-value') delete (activity as { value?: unknown }).value;
          if (shape === 'bad-verb') value.action!.verb = fields.update;
          if (shape === 'array-data') value.action!.data = [fields.update];
          const res = await bot.post(activity);
          assert.ok(res.status === 200 || res.status === 400, `status ${res.status}: ${res.text.slice(0, 200)}`);
          if (res.status === 200) {
            const body = JSON.parse(res.text) as { statusCode: number; type: string; value: unknown };
            const said = body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value) : String(body.value);
            assert.ok(said.length > 20, 'a readable answer');
            // Bad input is refused in words; the generic "something went wrong" means the bot crashed on it.
            assert.ok(!said.includes(UNEXPECTED.title), `the crash message for ${JSON.stringify(fields).slice(0, 200)}`);
          }
        },
      ),
      { numRuns: 250, seed: 20261124 },
    );
  });

  it('250 chat messages: always an answer, never silence or a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...users), fc.constantFrom('', 'status ', 'checkin ', 'history ', 'away until ', 'report ', 'summary '), nasty, async (user, command, text) => {
        bot.connector.reset();
        const res = await bot.post(message(user, bot.serviceUrl, `${command}${text}`));
        assert.equal(res.status, 200, res.text.slice(0, 200));
        const sent = bot.connector.sent();
        assert.equal(sent.length, 1, `one answer to ${JSON.stringify(`${command}${text}`.slice(0, 60))}`);
        const said = `${cardText(sent[0]!.body.attachments)} ${String(sent[0]!.body.text ?? '')}`;
        assert.ok(said.trim().length > 10);
        assert.ok(!said.includes(UNEXPECTED.title), `the crash message for ${JSON.stringify(`${command}${text}`.slice(0, 60))}`);
        assert.equal(sent[0]!.body.entities, undefined, 'no mention entity is created from user text');
      }),
      { numRuns: 250, seed: 20261124 },
    );
  });

  it('nothing stored breaks the schema, and the bot still answers', async () => {
    const rows = await bot.app.deps.checkIns.listForStrategy('test-board-2025-28');
    for (const c of rows) {
      if (c.period !== '2026-Q2') assert.ok(isRag(c.rag), `rag ${String(c.rag)}`);
      assert.ok(c.update.trim().length > 0 && c.update.length <= TEXT_LIMITS.update);
      // eslint-disable-next-line no-control-regex -- control characters are what must not be stored
      assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(c.update));
      for (const v of Object.values(c.kpiReadings)) assert.ok(Number.isFinite(v));
    }
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200);
  });
});
