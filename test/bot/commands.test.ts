import { strict as assert } from 'node:assert';
import { parseCommand } from '../../src/bot/commands';

describe('reading a chat command', () => {
  it('"?" asks for help, as "help" and "/help" do', () => {
    for (const text of ['?', ' ? ', 'help', '/help', 'HELP']) assert.deepEqual(parseCommand(text), { name: 'help' }, text);
  });
});
