import type { CheckIn } from '../domain/check-in';
import { dueMessages, type CycleSnapshot } from '../domain/delivery-plan';
import type { ConversationRecord } from '../domain/ports';
import { remindedUnits } from '../domain/project';
import { askedFor, priorityRef, priorityRefOf } from '../domain/strategy';
import { allBoards } from './board-picture';
import { boardChannel } from './digest';
import { installForLeadsWithoutChat } from './graph-install';
import { activeCovers } from './people';
import type { CycleDeps } from './cycle-deps';

/**
 * The reporting cycle's first step: everything the plan needs, loaded once (not per lead).
 * Most minutes nothing is due: then only strategies, priorities and boards are read, and the
 * answer is undefined.
 */
export async function loadCycleSnapshot(deps: CycleDeps, now: Date, catchUpDays?: number): Promise<CycleSnapshot | undefined> {
  const [strategies, stored, boards] = await Promise.all([deps.strategies.listStrategies(), deps.strategies.listPriorities(), allBoards(deps)]);
  // Projects with a named lead are reminded like priorities (their answers are the units' own).
  const priorities = [...stored, ...remindedUnits(stored)];
  const due = dueMessages(strategies, priorities, boards, deps.cycle, deps.calendar, now, catchUpDays);
  if (due.length === 0) return undefined;

  const answers = new Map<string, CheckIn[]>();
  for (const s of new Set(due.map((m) => m.strategyKey).filter((k): k is string => k !== undefined))) {
    for (const c of await deps.checkIns.listForStrategy(s)) {
      const ref = priorityRefOf(c);
      const list = answers.get(ref);
      if (list) list.push(c);
      else answers.set(ref, [c]);
    }
  }
  const people = await deps.people.listPeople();
  const chats = new Map<string, ConversationRecord>();
  for (const c of await deps.conversations.list()) if (c.personId) chats.set(c.personId, c);
  const covers = await activeCovers(deps);
  const failures = new Map<string, { at: string; note: string }>();
  for (const r of await deps.reach.list()) if (r.lastFailure) failures.set(r.personId, r.lastFailure);
  if (deps.installer) {
    // Who each priority asks (GRAPH_ENABLED: the leads the installer may reach first).
    const byRef = new Map(priorities.map((p) => [priorityRef(p), askedFor(p)]));
    const leadIds = new Set(due.filter((m) => m.audience === 'lead').flatMap((m) => byRef.get(priorityRef({ strategyKey: m.strategyKey!, key: m.priorityKey! })) ?? []));
    await installForLeadsWithoutChat({ installer: deps.installer, conversations: deps.conversations, reach: deps.reach }, people.filter((p) => leadIds.has(p.id)), chats, failures, now);
  }
  const channels = new Map<string, ConversationRecord>();
  for (const boardKey of new Set(due.filter((m) => m.kind === 'digest').map((m) => m.boardKey).filter((k): k is string => k !== undefined))) {
    const channel = await boardChannel(deps, boardKey, boards.length);
    if (channel) channels.set(boardKey, channel);
  }
  return { settings: deps.cycle, strategies, priorities, boards, due, answers, people, chats, covers, failures, channels, emailEnabled: deps.email !== undefined, graphConfigured: deps.installer !== undefined };
}
