import type { PersonStore, StrategyStore } from '../domain/ports';
import type { PeopleSeed } from './schema';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * The people file as storage holds it now (`hwb-bot export --people`): boards, people and every
 * priority's and project's leads and deputies, as changed in Teams. Loading it gives the same
 * people back, so it is the backup and the way to move a board to another install.
 */
export async function exportPeople(stores: { strategies: StrategyStore; people: PersonStore }): Promise<PeopleSeed> {
  const [boards, people, priorities] = await Promise.all([stores.strategies.listBoards(), stores.people.listPeople(), stores.strategies.listPriorities()]);
  const assignments: PeopleSeed['assignments'] = [];
  for (const p of priorities) {
    if (p.leads.length > 0 || p.deputies.length > 0) assignments.push({ strategy: p.strategyKey, priority: p.key, leads: p.leads, deputies: p.deputies });
    for (const x of p.projects ?? []) {
      if (x.leads !== undefined || x.deputies !== undefined) assignments.push({ strategy: p.strategyKey, priority: p.key, project: x.key, leads: x.leads ?? [], deputies: x.deputies ?? [] });
    }
  }
  return {
    boards: boards.map((b) => ({ key: b.key, name: b.name, ...(b.digestWeekday !== undefined ? { digestDay: WEEKDAY_NAMES[b.digestWeekday]! } : {}), ...(b.digestTime ? { digestTime: b.digestTime } : {}) })),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.email ? { email: p.email } : {}),
      ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
      ...(p.organisation ? { organisation: p.organisation } : {}),
      ...(p.manages ? (p.manages.length > 0 ? { manages: p.manages } : {}) : p.boardManager ? { boardManager: true } : {}),
      ...(p.retired ? { retired: p.retired } : {}),
    })),
    assignments,
  };
}
