import { strict as assert } from 'node:assert';
import pino from 'pino';
import { cardAction, ALEX, message, submitFrom } from '../support/activities';
import { BotHarness } from '../support/bot-harness';
import { INVOKE_LATE } from '../../src/bot/user-messages';

/** A storage error the SDK reports for a 500: what `withStorageErrors` turns into STORAGE_UNAVAILABLE. */
function serverError(): Error {
  return Object.assign(new Error('Transaction Failed: the batch body could not be read'), { name: 'RestError', statusCode: 500 });
}

/** A pino logger writing JSON lines to an array; `until(msg)` resolves at the first line with that message. */
function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const waiting: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  const log = pino({ level: 'info' }, {
    write(text: string) {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const w of waiting.filter((x) => x.msg === line.msg)) w.resolve(line);
    },
  });
  const until = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) resolve(seen);
      else waiting.push({ msg, resolve });
    });
  return { log, lines, until };
}

describe('a check-in that storage fails to save is logged with its cause', () => {
  let bot: BotHarness;
  afterEach(async () => bot.stop());

  async function submitCard(): Promise<{ verb: string; data: Record<string, unknown> }> {
    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin'));
    return submitFrom(bot.connector.lastCard(), { rag: 'amber', update: 'Clinics opened.', ragReason: 'Staffing.' });
  }

  it('failing before the invoke deadline: the lead is told nothing was saved, and one warning carries the storage error', async () => {
    const { log, lines } = recordingLog();
    bot = await new BotHarness('2026-11-24T10:00:00Z', {}, { log }).start();
    const { verb, data } = await submitCard();
    bot.app.deps.checkIns.save = () => Promise.reject(serverError());

    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.equal(answer.body.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(answer.body.value), /Nothing was saved/);
    const warnings = lines.filter((l) => l.level === 40 && l.code === 'STORAGE_UNAVAILABLE');
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    const err = warnings[0]!.err as { message: string; stack: string };
    assert.match(err.message, /checkIns\.save: 500/);
    assert.match(err.stack, /caused by: RestError: Transaction Failed: the batch body could not be read/);
  });

  it('failing after the invoke deadline: Teams is answered "press again" first, then the failure is logged as an error with its cause', async () => {
    const { log, until } = recordingLog();
    // Deadline 0: the answer goes out while the save below is still waiting.
    bot = await new BotHarness('2026-11-24T10:00:00Z', {}, { log, botTimings: { invokeDeadlineMs: 0 } }).start();
    const { verb, data } = await submitCard();
    let saveCalled: (fail: (e: unknown) => void) => void = () => {};
    const saving = new Promise<(e: unknown) => void>((resolve) => (saveCalled = resolve));
    bot.app.deps.checkIns.save = () => new Promise((_, reject) => saveCalled(reject));

    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.equal(answer.body.value, INVOKE_LATE);
    const failSave = await saving;
    failSave(serverError());
    const line = await until('card action failed after the invoke deadline');
    assert.equal(line.level, 50);
    assert.match((line.err as { stack: string }).stack, /caused by: RestError: Transaction Failed: the batch body could not be read/);
  });
});
