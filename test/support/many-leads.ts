import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationStore } from '../../src/domain/ports';

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
