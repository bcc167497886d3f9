import { boardOf, managesBoard, type Board } from '../domain/board';
import { matchPerson, type Person } from '../domain/person';
import type { Priority, Project } from '../domain/strategy';
import type { AppDeps } from './deps';
import { allBoards } from './board-picture';

/**
 * Whom a Teams tab shows which board. The tab proves who the user is (an Entra object id); the
 * boards they may open come from stored data, as in chat: those they manage, and those where
 * they lead or deputise for a priority or a project. Nobody opens another board.
 */
export type TabSession =
  /** Open this board for this person. */
  | { kind: 'open'; person: Person; board: Board }
  /** No board named (the personal tab) and more than one is theirs: the page asks which. */
  | { kind: 'choose'; person: Person; boards: Board[] }
  | { kind: 'unknown-person' }
  /** The board named is not one of theirs (or there is none by that key). */
  | { kind: 'not-your-board'; person: Person; boards: Board[] }
  /** They are known, but manage or lead in no board. */
  | { kind: 'no-board'; person: Person };

/** The boards a person belongs to: managed, or with a priority or project they lead or deputise for. */
export async function boardsOfPerson(deps: Pick<AppDeps, 'strategies'>, person: Person): Promise<Board[]> {
  const [boards, strategies, priorities] = await Promise.all([allBoards(deps), deps.strategies.listStrategies(), deps.strategies.listPriorities()]);
  const boardOfStrategy = new Map(strategies.map((s) => [s.key, boardOf(s)]));
  const answers = (p: Pick<Priority, 'leads' | 'deputies'> | Pick<Project, 'leads' | 'deputies'>) => Boolean(p.leads?.includes(person.id) || p.deputies?.includes(person.id));
  const led = new Set(priorities.filter((p) => answers(p) || (p.projects ?? []).some(answers)).map((p) => boardOfStrategy.get(p.strategyKey)));
  return boards.filter((b) => managesBoard(person, b.key) || led.has(b.key));
}

export async function tabSession(deps: Pick<AppDeps, 'strategies' | 'people'>, aadObjectId: string, boardKey: string | undefined): Promise<TabSession> {
  const person = matchPerson(await deps.people.listPeople(), { aadObjectId });
  if (!person) return { kind: 'unknown-person' };
  const boards = await boardsOfPerson(deps, person);
  if (boardKey !== undefined && boardKey !== '') {
    const board = boards.find((b) => b.key === boardKey);
    return board ? { kind: 'open', person, board } : { kind: 'not-your-board', person, boards };
  }
  if (boards.length === 0) return { kind: 'no-board', person };
  if (boards.length === 1) return { kind: 'open', person, board: boards[0]! };
  return { kind: 'choose', person, boards };
}

/** The boards the configuration page offers to pin as a channel tab: the person's own. */
export type TabBoardChoices = { kind: 'boards'; boards: Board[] } | { kind: 'unknown-person' } | { kind: 'no-board' };

export async function tabBoardChoices(deps: Pick<AppDeps, 'strategies' | 'people'>, aadObjectId: string): Promise<TabBoardChoices> {
  const person = matchPerson(await deps.people.listPeople(), { aadObjectId });
  if (!person) return { kind: 'unknown-person' };
  const boards = await boardsOfPerson(deps, person);
  return boards.length === 0 ? { kind: 'no-board' } : { kind: 'boards', boards };
}
