import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseCommand } from '../../src/bot/commands';
import { CARD_ACTIONS, COMMAND_ROUTES } from '../../src/bot/routes/routes';

/** Routing by family (src/bot/routes): every button our cards draw, and every command typed, reaches a handler. */
describe('routes by family', () => {
  it('every verb a card module exports has exactly one card action', () => {
    const load = createRequire(__filename);
    const dir = join(__dirname, '..', '..', 'src', 'cards');
    const verbs: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const mod = load(join(dir, file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (name.endsWith('_VERB') && typeof value === 'string') verbs.push(value);
    }
    assert.ok(verbs.length >= 11, `found ${verbs.length} verbs`);
    assert.deepEqual(verbs.filter((v) => typeof CARD_ACTIONS[v] !== 'function'), []);
    assert.deepEqual(Object.keys(CARD_ACTIONS).sort(), [...new Set(verbs)].sort(), 'no route for a verb no card draws');
  });

  it('what people type reaches its family', () => {
    for (const text of ['help', 'checkin 19', 'projects W2', 'status falls', 'monitoring W2', 'summary', 'digest now', 'use this channel for digests', 'away until 2026-12-01', 'back', 'overdue', 'red', 'history 19', 'report', 'reach', 'chase', 'status', 'what is this']) {
      const command = parseCommand(text);
      assert.equal(typeof COMMAND_ROUTES[command.name], 'function', `${text} → ${command.name}`);
    }
  });
});
