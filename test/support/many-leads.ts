import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationStore } from '../../src/domain/ports';
import type { BotHarness } from './bot-harness';

/**
 * A board with `n` priorities, each led by its own person, written as seed files, plus one
 * board manager. Used for fan-out, multi-instance and crash tests.
 */
export function manyLeadsSeeds(n: number): { dir: string; leadIds: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'hwb-many-'));
  const leadIds = Array.from({ length: n }, (_, i) => `lead-${i}`);
  const strategy = {
    key: 'big-board',
    title: 'Big Board Strategy 2025-2030',
    board: 'Big Board',
    area: 'Big City',
    years: { from: 2025, to: 2030 },
    sources: ['generated'],
    reportingFrequency: 'quarterly',
    themes: [{ key: 't', title: 'Theme' }],
    priorities: leadIds.map((_, i) => ({ key: `p${i}`, number: String(i + 1), title: `We will improve outcome ${i + 1}`, theme: 't' })),
    indicators: [],
    checkIns: [],
  };
  const people = {
    people: [{ id: 'manager', name: 'Board Manager', aadObjectId: 'ffffffff-0000-0000-0000-000000000000', boardManager: true }, ...leadIds.map((id, i) => ({ id, name: `Lead ${i}`, aadObjectId: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}` }))],
    assignments: leadIds.map((id, i) => ({ strategy: 'big-board', priority: `p${i}`, leads: [id], deputies: [] })),
  };
  writeFileSync(join(dir, 'big-board.json'), JSON.stringify(strategy));
  writeFileSync(join(dir, 'people.json'), JSON.stringify(people));
  return { dir, leadIds };
}

/** As if every lead had installed the bot: a personal conversation each, served by `serviceUrl`. */
export async function installAll(conversations: ConversationStore, ids: string[], serviceUrl: string): Promise<void> {
  const at = '2026-09-01T00:00:00.000Z';
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(
      ids.slice(i, i + 25).map((id) =>
        conversations.put({
          key: `user:${id}`,
          personId: id,
          reference: { channelId: 'msteams', serviceUrl, conversation: { id: `a:personal-${id}`, conversationType: 'personal' }, bot: { id: '28:hwb-bot', name: 'HWB Progress Bot' }, user: { id: `29:${id}` } },
          updatedAt: at,
        }),
      ),
    );
  }
}

/** How many messages each conversation received: the exactly-once check. */
export function sendsPerConversation(calls: { method: string; conversationId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of calls) if (c.method === 'POST') counts.set(c.conversationId, (counts.get(c.conversationId) ?? 0) + 1);
  return counts;
}

/**
 * Every lead installed, then scheduler ticks a minute apart from 08:31 on 1 Oct 2026 (the
 * quarter's opening reminders), as node-cron would give them, until each lead has had a
 * reminder or `lastMinute` has passed. Counts what the connector received.
 */
export async function remindAllLeads(bot: BotHarness, leadIds: string[], lastMinute: number): Promise<{ seconds: number; missing: number; twice: number }> {
  await installAll(bot.app.storage.conversations, leadIds, bot.serviceUrl);
  const started = performance.now();
  for (let minute = 31; minute <= lastMinute; minute++) {
    await bot.tickAt(`2026-10-01T08:${minute}:00Z`);
    if (new Set(bot.connector.sent().map((c) => c.conversationId)).size >= leadIds.length) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = sendsPerConversation(bot.connector.calls);
  return { seconds, missing: leadIds.filter((id) => !counts.has(`a:personal-${id}`)).length, twice: [...counts.values()].filter((n) => n > 1).length };
}
