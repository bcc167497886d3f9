import { WEEKDAYS_ONLY } from '../../src/domain/calendar';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import type { Notice } from '../../src/domain/notice';
import type { Person } from '../../src/domain/person';
import { NotifierError, type Notifier } from '../../src/domain/ports';
import type { Priority, Strategy } from '../../src/domain/strategy';
import type { AppDeps } from '../../src/app/deps';
import type { CycleDeps } from '../../src/app/reporting-cycle';
import { aBoard } from '../domain/builders';
import { TestClock } from '../support/test-clock';
import { inMemoryStores } from '../../src/store/in-memory/in-memory-stores';

/** Records every notice instead of sending it; can be told to fail for a conversation. */
export class RecordingNotifier implements Notifier {
  readonly sent: { to: string; notice: Notice }[] = [];
  failFor = new Map<string, NotifierError>();
  async send(reference: unknown, notice: Notice): Promise<void> {
    const to = (reference as { conversation: { id: string } }).conversation.id;
    const failure = this.failFor.get(to);
    if (failure) throw failure;
    this.sent.push({ to, notice });
  }
}

/** The use cases wired to in-memory ports and a fake clock: no HTTP, no Azurite. */
export async function inMemoryApp(opts: { now: string; strategies: Strategy[]; priorities: Priority[]; people: Person[] }) {
  const stores = inMemoryStores();
  for (const s of opts.strategies) await stores.strategies.putStrategy(s);
  for (const p of opts.priorities) await stores.strategies.putPriority(p);
  for (const p of opts.people) await stores.people.putPerson(p);
  const clock = new TestClock(opts.now);
  let ids = 0;
  const deps: AppDeps = {
    strategies: stores.strategies,
    people: stores.people,
    checkIns: stores.checkIns,
    conversations: stores.conversations,
    cover: stores.cover,
    reach: stores.reach,
    changes: stores.changes,
    boardPeople: stores.boardPeople,
    clock,
    board: aBoard().build(),
    newId: () => `id-${String(++ids).padStart(8, '0')}`,
  };
  const notifier = new RecordingNotifier();
  const cycle: CycleDeps = {
    ...deps,
    outbox: stores.outbox,
    notifier,
    calendar: WEEKDAYS_ONLY,
    cycle: { timeZone: 'Europe/London', sendTime: '09:30', nudgeWorkingDaysBeforeDue: [3], managersAfterWorkingDaysOverdue: 5, digest: { weekday: 1, time: '09:00' }, periodPolicy: { dueAfterDays: 14 } },
    rules: DEFAULT_ESCALATION_RULES,
    instanceId: 'test',
    leaseMs: 60_000,
    concurrency: 4,
  };
  /** Gives `personId` a Teams chat, as an install would. */
  const install = (personId: string) => stores.conversations.put({ key: `user:${personId}`, personId, reference: { conversation: { id: `chat-${personId}` } }, updatedAt: opts.now });
  return { deps, cycle, stores, clock, notifier, install };
}
