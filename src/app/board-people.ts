import { boardOf, managesBoard, type Board } from '../domain/board';
import {
  assignedTo,
  changedList,
  changeSubject,
  looksLikeEmail,
  managersOf,
  nameFromEmail,
  namesInWords,
  newPersonId,
  PEOPLE_SUBJECT_PREFIXES,
  withAssigned,
  withManagement,
  type PeopleOp,
  type PeopleRole,
} from '../domain/board-people';
import { DomainError } from '../domain/errors';
import type { Identity, Person } from '../domain/person';
import { personFromDirectory } from '../domain/directory-person';
import type { BoardChange, Directory, DirectoryUser } from '../domain/ports';
import { findPriorities, words } from '../domain/priority-lookup';
import { returned } from '../domain/retirement';
import { parseProjectUnitKey, projectUnits } from '../domain/project';
import { isStrategyLive, parsePriorityRef, priorityRef, type Priority, type Strategy } from '../domain/strategy';
import { compareNumbers, cutAtWord, priorityName } from '../domain/wording';
import { allBoards } from './board-picture';
import type { AppDeps } from './deps';
import { requireBoardManager } from './digest';
import { today } from './people';

/** One priority or project on the people card, with who answers for it. */
export interface PeopleUnitRow {
  /** priorityRef of the priority, or of the project unit ("<strategy>/<workstream>~<project>"). */
  ref: string;
  label: string;
  project: boolean;
  leads: string[];
  deputies: string[];
  /** A project with no lead of its own: its workstream's lead answers it. */
  workstreamAnswers?: boolean;
}

export interface PeopleView {
  board: Pick<Board, 'key' | 'name'>;
  /** The board's people version the view was read at: a change from this card is written only on it. */
  version: string;
  /** Where the board's people last came from, and when (absent: the first seed import, never changed since). */
  source?: { from: 'seed' | 'teams'; at: string };
  managers: { id: string; name: string; organisation?: string }[];
  rows: PeopleUnitRow[];
  /** Set when the card is for one priority (and its projects). */
  focus?: string;
  /** The other boards the sender manages: "people <board>" shows them. */
  otherBoards: string[];
  /** Live priorities of the board with nobody to ask. */
  unled: number;
  /** Everyone the card names (leads, deputies, managers), in name order: each may be retired from it. */
  people: { id: string; name: string; organisation?: string }[];
}

/** Someone chosen on a card or named in chat: a known person, a Teams user from the picker, or an email address. */
export type PersonPick = { personId: string } | { aadObjectId: string; name?: string; organisation?: string } | { email: string; name?: string; organisation?: string };

export interface PeopleChangeRequest {
  /** The priority or project changed (lead/deputy); absent for managers. */
  unitRef?: string;
  /** The board, for a change of managers. */
  boardKey?: string;
  role: PeopleRole;
  op: PeopleOp;
  person: PersonPick;
  /** The board's people version the card or the confirmation was made on. */
  baseVersion: string;
}

/** What a change would do, in words, before it is made: the chat shortcut's confirmation. */
export interface PeopleProposal {
  request: PeopleChangeRequest;
  board: Pick<Board, 'key' | 'name'>;
  what: string;
  personName: string;
  personEmail?: string;
  /** The person is new to the board: the card asks for (or confirms) their name. */
  newPerson: boolean;
  before: string;
  after: string;
}

export type PeopleChangeOutcome =
  /** `before`: the priority changed (a project's workstream) as it stood when the change was worked out. */
  | { kind: 'saved'; change: BoardChange; what: string; person: Person; created: boolean; view: PeopleView; before?: Priority }
  /** Another manager changed the board's people since the card was made: nothing written, the new state shown. */
  | { kind: 'stale'; view: PeopleView };

interface Target {
  board: Board;
  priority?: Priority;
  /** The unit's key: the priority's own, or "<workstream>~<project>". */
  unitKey?: string;
  label: string;
}

export const unitLabel = (unit: Priority) => (unit.workstream ? `${unit.workstream.number} project "${cutAtWord(unit.title, 50)}"` : cutAtWord(priorityName(unit), 70));

async function liveStrategies(deps: AppDeps, boardKeys: ReadonlySet<string>): Promise<Strategy[]> {
  const date = today(deps);
  return (await deps.strategies.listStrategies()).filter((s) => isStrategyLive(s, date) && boardKeys.has(boardOf(s)));
}

/** A board's live, open priorities in the paper's order. */
export async function boardPriorities(deps: AppDeps, boardKeys: ReadonlySet<string>): Promise<Priority[]> {
  const live = new Set((await liveStrategies(deps, boardKeys)).map((s) => s.key));
  return (await deps.strategies.listPriorities())
    .filter((p) => live.has(p.strategyKey) && p.status !== 'closed')
    .sort((a, b) => a.strategyKey.localeCompare(b.strategyKey) || compareNumbers(a.number, b.number));
}

/** The view of one board (or one priority of it), read now. */
async function buildView(deps: AppDeps, by: Person, board: Board, managedBoards: readonly Board[], focus?: Priority): Promise<PeopleView> {
  const record = await deps.boardPeople.get(board.key);
  const people = await deps.people.listPeople();
  const names = new Map(people.map((p) => [p.id, p]));
  const name = (id: string) => names.get(id)?.name ?? id;
  const all = await boardPriorities(deps, new Set([board.key]));
  const shown = focus ? all.filter((p) => p.strategyKey === focus.strategyKey && p.key === focus.key) : all;
  const rows: PeopleUnitRow[] = [];
  const named = new Set<string>();
  for (const p of shown) {
    for (const id of [...p.leads, ...p.deputies, ...(p.projects ?? []).flatMap((x) => [...(x.leads ?? []), ...(x.deputies ?? [])])]) named.add(id);
    rows.push({ ref: priorityRef(p), label: unitLabel(p), project: false, leads: p.leads.map(name), deputies: p.deputies.map(name) });
    for (const x of p.projects ?? []) {
      const unit = projectUnits(p).find((u) => u.workstream?.projectKey === x.key)!;
      const own = (x.leads ?? []).length > 0;
      rows.push({ ref: priorityRef(unit), label: unitLabel(unit), project: true, leads: (x.leads ?? []).map(name), deputies: (x.deputies ?? []).map(name), ...(own ? {} : { workstreamAnswers: true }) });
    }
  }
  return {
    board: { key: board.key, name: board.name },
    version: record?.version ?? '',
    ...(record ? { source: { from: record.source, at: record.changedAt } } : {}),
    managers: managersOf(people, board.key).map((p) => ({ id: p.id, name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) })),
    rows,
    ...(focus ? { focus: priorityRef(focus) } : {}),
    otherBoards: managedBoards.filter((b) => b.key !== board.key && managesBoard(by, b.key)).map((b) => b.name),
    unled: all.filter((p) => p.leads.length === 0 && p.deputies.length === 0).length,
    people: [...named, ...managersOf(people, board.key).map((p) => p.id)]
      .filter((id, i, ids) => ids.indexOf(id) === i && names.has(id))
      .map((id) => names.get(id)!)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ id: p.id, name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) })),
  };
}

/**
 * The one live priority `query` names among the boards given: by number, key, ref or title words.
 * Several (the same number in two strategies): refused with the choices, as refs to type.
 */
async function findUnit(deps: AppDeps, boards: readonly Board[], query: string): Promise<Priority | undefined> {
  const all = await boardPriorities(deps, new Set(boards.map((b) => b.key)));
  const { matches } = findPriorities(all, query);
  if (matches.length <= 1) return matches[0];
  const exact = matches.filter((p) => p.number.toLowerCase() === query.trim().toLowerCase());
  if (exact.length === 1) return exact[0];
  throw new DomainError('WHICH_BOARD', `several priorities match ${query}`, { boards: matches.slice(0, 4).map((p) => `${priorityRef(p)} (${cutAtWord(p.title, 30)})`).join(', '), example: `people ${priorityRef(matches[0]!)}` });
}

/** `people [board | priority]`: a board manager's view of who leads, deputises and manages. */
export async function peopleView(deps: AppDeps, who: Identity, query = ''): Promise<PeopleView> {
  const { person, boards } = await requireBoardManager(deps, who);
  const q = query.trim();
  if (q === '') return buildView(deps, person, boards[0]!, boards);
  const named = await boardsNamed(deps, person, q);
  if (named.length > 0) return buildView(deps, person, named[0]!, boards);
  const unit = await findUnit(deps, boards, q);
  if (!unit) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${q} on ${person.id}'s boards`, { query: q.slice(0, 80) });
  return buildView(deps, person, boardOfPriority(boards, await deps.strategies.listStrategies(), unit), boards, unit);
}

/** Boards whose name or key `q` names; one the sender does not manage is refused. */
async function boardsNamed(deps: AppDeps, person: Person, q: string): Promise<Board[]> {
  const all = await allBoards(deps);
  const qw = words(q);
  const match = all.filter((b) => b.key === q || (qw.length > 0 && qw.every((w) => words(`${b.name} ${b.key}`).some((x) => x.startsWith(w)))));
  if (match.length === 0) return [];
  const allowed = match.filter((b) => managesBoard(person, b.key));
  if (allowed.length === 0) throw new DomainError('NOT_BOARD_MANAGER', `${person.id} does not manage ${match[0]!.key}`, { action: `see or change the people of ${match[0]!.name}` });
  return allowed;
}

export function boardOfPriority(boards: readonly Board[], strategies: readonly Strategy[], p: Pick<Priority, 'strategyKey'>): Board {
  const s = strategies.find((x) => x.key === p.strategyKey);
  const key = s ? boardOf(s) : '';
  return boards.find((b) => b.key === key) ?? { key, name: s?.board ?? key };
}

/** The priority or project a card names by ref, and its board: the board comes from stored data, never from the card. */
async function targetOf(deps: AppDeps, req: Pick<PeopleChangeRequest, 'unitRef' | 'boardKey' | 'role'>): Promise<Target> {
  const boards = await allBoards(deps);
  if (req.role === 'manager') {
    const board = boards.find((b) => b.key === req.boardKey);
    if (!board) throw new DomainError('BOARD_NOT_FOUND', `no board ${req.boardKey ?? ''}`, { query: (req.boardKey ?? '').slice(0, 80) });
    return { board, label: `a manager of ${board.name}` };
  }
  const ref = parsePriorityRef(req.unitRef);
  const project = ref ? parseProjectUnitKey(ref.key) : undefined;
  const priority = ref ? await deps.strategies.getPriority(ref.strategyKey, project?.workstreamKey ?? ref.key) : undefined;
  if (!ref || !priority) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${String(req.unitRef)}`, { query: String(req.unitRef ?? '').slice(0, 80) });
  const unit = project ? projectUnits(priority).find((u) => u.key === ref.key) : priority;
  if (!unit) throw new DomainError('PRIORITY_NOT_FOUND', `no project ${ref.key}`, { query: ref.key.slice(0, 80) });
  return { board: boardOfPriority(boards, await deps.strategies.listStrategies(), priority), priority, unitKey: ref.key, label: `${req.role} of ${unitLabel(unit)}` };
}

/**
 * The person a pick names, or the one it would create (not stored yet). A new Entra id is looked
 * up in the organisation's directory when there is one (GRAPH_ENABLED=true): its name, mailbox and
 * company; someone already known by that mailbox gets the id (`linked`: written with the change).
 */
async function resolvePick(directory: Directory | undefined, people: readonly Person[], pick: PersonPick): Promise<{ person: Person; created: boolean; linked?: boolean }> {
  if ('personId' in pick) {
    const found = people.find((p) => p.id === pick.personId);
    if (!found) throw new DomainError('PERSON_NOT_FOUND', `no person ${pick.personId}`, { input: pick.personId.slice(0, 80) });
    return { person: found, created: false };
  }
  const taken = (id: string) => people.some((p) => p.id === id);
  const organisation = pick.organisation?.trim();
  if ('aadObjectId' in pick) {
    const id = pick.aadObjectId.trim().toLowerCase();
    if (!/^[0-9a-f-]{20,40}$/.test(id)) throw new DomainError('PERSON_NOT_FOUND', 'not an Entra object id', { input: pick.aadObjectId.slice(0, 40) });
    const found = people.find((p) => p.aadObjectId?.toLowerCase() === id);
    if (found) return { person: found, created: false };
    const listed = directory ? await lookUp(directory, id) : undefined;
    if (listed && typeof listed !== 'string') {
      const entry = personFromDirectory(listed, { ...(pick.name ? { name: pick.name } : {}), ...(organisation ? { organisation } : {}) });
      const known = entry.email ? people.find((p) => p.email?.toLowerCase() === entry.email!.toLowerCase()) : undefined;
      // The mailbox is the person: one known by it is theirs (an id of their own already is kept).
      if (known) return known.aadObjectId ? { person: known, created: false } : { person: { ...known, aadObjectId: id }, created: false, linked: true };
      if (!entry.name) throw new DomainError('PERSON_NEEDS_NAME', `${id} has no name in the directory`);
      return { person: { id: newPersonId(entry.name, taken), name: entry.name, aadObjectId: id, ...(entry.email ? { email: entry.email } : {}), boardManager: false, ...(entry.organisation ? { organisation: entry.organisation } : {}) }, created: true };
    }
    const name = pick.name?.trim();
    if (!name) throw new DomainError('PERSON_NEEDS_NAME', `a new person ${id} without a name${listed ? `; the directory: ${listed}` : ''}`);
    return { person: { id: newPersonId(name, taken), name, aadObjectId: id, boardManager: false, ...(organisation ? { organisation } : {}) }, created: true };
  }
  const email = pick.email.trim();
  if (!looksLikeEmail(email)) throw new DomainError('PERSON_NOT_FOUND', 'not an email address', { input: email.slice(0, 80) });
  const found = people.find((p) => p.email?.toLowerCase() === email.toLowerCase());
  if (found) return { person: found, created: false };
  const name = pick.name?.trim() || nameFromEmail(email);
  return { person: { id: newPersonId(name, taken), name, email, boardManager: false, ...(organisation ? { organisation } : {}) }, created: true };
}

/**
 * Who the directory says an Entra id is. Missing: refused in words; throttled or down past the
 * adapter's retries: refused as an outage (nothing is written, the card can be pressed again);
 * the bot may not read the directory: why, in words, and the card's typed name is used as without Graph.
 */
async function lookUp(directory: Directory, id: string): Promise<DirectoryUser | string> {
  const found = await directory.findUser(id);
  switch (found.kind) {
    case 'found':
      return found.user;
    case 'missing':
      throw new DomainError('NOT_IN_DIRECTORY', `${id} is not in the directory`);
    case 'unavailable':
      throw new DomainError('DIRECTORY_UNAVAILABLE', `the directory did not answer for ${id}`, found.retryAfterSeconds ? { retryAfterSeconds: String(found.retryAfterSeconds) } : {});
    case 'refused':
      return found.reason;
  }
}

/** Who a chat shortcut names: an email address, a person id, or a name (whole, else every word of it). */
export function pickFromText(people: readonly Person[], text: string): PersonPick {
  const t = text.trim().replace(/^@/, '');
  if (looksLikeEmail(t)) return { email: t };
  const byId = people.find((p) => p.id === t);
  if (byId) return { personId: byId.id };
  const exact = people.filter((p) => p.name.toLowerCase() === t.toLowerCase());
  if (exact.length === 1) return { personId: exact[0]!.id };
  const tw = words(t);
  const partial = tw.length === 0 ? [] : people.filter((p) => tw.every((w) => words(p.name).includes(w)));
  if (partial.length === 1) return { personId: partial[0]!.id };
  throw new DomainError('PERSON_NOT_FOUND', `no single person ${t}`, { input: t.slice(0, 80) });
}

interface Plan {
  by: Person;
  target: Target;
  person: Person;
  created: boolean;
  subject: string;
  before: string;
  after: string;
  /** What is written when the change is made. */
  priority?: Priority;
  people: Person[];
  version: string;
}

/** Checks a change and works out its writes, reading the board's version first (so the data read is at least as new). */
async function plan(deps: AppDeps, who: Identity, req: Omit<PeopleChangeRequest, 'baseVersion'>): Promise<Plan> {
  const { person: by } = await requireBoardManager(deps, who);
  const target = await targetOf(deps, req);
  if (!managesBoard(by, target.board.key)) throw new DomainError('NOT_BOARD_MANAGER', `${by.id} does not manage ${target.board.key}`, { action: `change the people of ${target.board.name}` });
  const version = (await deps.boardPeople.get(target.board.key))?.version ?? '';
  const people = await deps.people.listPeople();
  const picked = await resolvePick(deps.directory, people, req.person);
  const { created, linked } = picked;
  // A retired person named again is back on the board: the mark goes with this change.
  const back = picked.person.retired !== undefined && req.op !== 'remove';
  const person = back ? returned(picked.person) : picked.person;
  const names = new Map<string, Pick<Person, 'name'>>([...people.map((p): [string, Person] => [p.id, p]), [person.id, person]]);
  if (req.role === 'manager') {
    const before = managersOf(people, target.board.key);
    const manages = req.op !== 'remove';
    if (manages === managesBoard(person, target.board.key)) throw new DomainError('NOTHING_TO_CHANGE', `${person.id} manages ${target.board.key}: ${String(manages)}`, { what: `${person.name} ${manages ? 'a' : 'not a'} manager of ${target.board.name}` });
    if (!manages && before.length === 1) throw new DomainError('LAST_MANAGER', `${person.id} is the last manager of ${target.board.key}`, { person: person.name, board: target.board.name });
    const changed = withManagement(person, target.board.key, manages, (await allBoards(deps)).map((b) => b.key));
    const after = manages ? [...before, changed] : before.filter((p) => p.id !== person.id);
    return { by, target, person: changed, created, subject: changeSubject('manager'), before: namesInWords(before.map((p) => p.id), names, 'No manager'), after: namesInWords(after.sort((a, b) => a.name.localeCompare(b.name)).map((p) => p.id), names, 'No manager'), people: [changed], version };
  }
  const role = req.role;
  const nobody = role === 'lead' ? 'No lead' : 'No deputy';
  const current = assignedTo(target.priority!, target.unitKey!, role);
  const next = changedList(current, req.op, person.id, target.label);
  return {
    by,
    target,
    person,
    created,
    subject: changeSubject(role, req.unitRef),
    before: namesInWords(current, names, nobody),
    after: namesInWords(next, names, nobody),
    priority: withAssigned(target.priority!, target.unitKey!, role, next),
    people: created || linked || back ? [person] : [],
    version,
  };
}

/** A chat shortcut's change, checked and put in words, for the manager to confirm. Nothing is written. */
export async function proposePeopleChange(deps: AppDeps, who: Identity, shortcut: { role: PeopleRole; op: PeopleOp; unit?: string; person: string; board?: string }): Promise<PeopleProposal> {
  const { person: by, boards } = await requireBoardManager(deps, who);
  const people = await deps.people.listPeople();
  const pick = pickFromText(people, shortcut.person);
  let unitRef: string | undefined;
  let boardKey: string | undefined;
  if (shortcut.role === 'manager') {
    const named = shortcut.board ? await boardsNamed(deps, by, shortcut.board) : boards;
    if (shortcut.board && named.length === 0) throw new DomainError('BOARD_NOT_FOUND', `no board ${shortcut.board}`, { query: shortcut.board.slice(0, 80), boards: boards.map((b) => b.name).join(', ') });
    if (named.length > 1) throw new DomainError('WHICH_BOARD', 'several boards', { boards: named.map((b) => b.name).join(' and '), example: `manager ${shortcut.op} ${shortcut.person} to ${named[0]!.key}` });
    boardKey = named[0]!.key;
  } else {
    const unit = await findUnit(deps, boards, shortcut.unit ?? '');
    if (!unit) {
      // A priority of a board the sender does not manage is refused as such, not as "not found".
      const elsewhere = await findUnit(deps, await allBoards(deps), shortcut.unit ?? '').catch(() => undefined);
      if (elsewhere) throw new DomainError('NOT_BOARD_MANAGER', `${by.id} does not manage the board of ${priorityRef(elsewhere)}`, { action: `change who leads ${priorityName(elsewhere)}` });
      throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${shortcut.unit ?? ''}`, { query: (shortcut.unit ?? '').slice(0, 80) });
    }
    unitRef = priorityRef(unit);
  }
  const request = { role: shortcut.role, op: shortcut.op, person: pick, ...(unitRef ? { unitRef } : {}), ...(boardKey ? { boardKey } : {}) };
  const p = await plan(deps, who, request);
  return {
    request: { ...request, baseVersion: p.version },
    board: { key: p.target.board.key, name: p.target.board.name },
    what: p.target.label,
    personName: p.person.name,
    ...(p.person.email ? { personEmail: p.person.email } : {}),
    newPerson: p.created,
    before: p.before,
    after: p.after,
  };
}

/**
 * Makes a change to a board's people: only that board's managers (from the sender, never the
 * card), a person found or created, never a board without a manager, written only on the version
 * the card was made on, and kept in the audit trail. The cached stores of this instance see it at
 * once (their writes drop the snapshot), so the next reminder, `reach`, `status` and the digest do.
 *
 * The version is advanced before the data is written, so a change that lost the race on the
 * version could read the winner's data before it is written. Within one instance, changes run
 * one at a time, so the loser is shown the winner's change whole; across instances the loser is
 * still refused, and its card may lag the winner's by the winner's few writes.
 */
export function changeBoardPeople(deps: AppDeps, who: Identity, req: PeopleChangeRequest): Promise<PeopleChangeOutcome>;
/** …and `effects` of a saved change in the same turn: no other change runs between the two. */
export function changeBoardPeople<E>(deps: AppDeps, who: Identity, req: PeopleChangeRequest, effects: (saved: Extract<PeopleChangeOutcome, { kind: 'saved' }>) => Promise<E>): Promise<PeopleChangeOutcome & { effects?: E }>;
export function changeBoardPeople<E>(deps: AppDeps, who: Identity, req: PeopleChangeRequest, effects?: (saved: Extract<PeopleChangeOutcome, { kind: 'saved' }>) => Promise<E>): Promise<PeopleChangeOutcome & { effects?: E }> {
  return peopleChangeAlone(deps, async () => {
    const outcome = await changeNow(deps, who, req);
    return outcome.kind === 'saved' && effects ? { ...outcome, effects: await effects(outcome) } : outcome;
  });
}

const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Runs a change to boards' people after every one queued before it in this instance (settled
 * either way), worked out on what is stored: the read cache's copy is dropped first, since
 * another instance may have changed the board since this one took it.
 */
export function peopleChangeAlone<T>(deps: AppDeps, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(deps.boardPeople) ?? Promise.resolve()).then(
    () => (dropCached(deps), task()),
    () => (dropCached(deps), task()),
  );
  queues.set(deps.boardPeople, run.catch(() => undefined));
  return run;
}

async function changeNow(deps: AppDeps, who: Identity, req: PeopleChangeRequest): Promise<PeopleChangeOutcome> {
  const p = await plan(deps, who, req);
  const staleView = async () => {
    dropCached(deps);
    const { person, boards } = await requireBoardManager(deps, who);
    return { kind: 'stale' as const, view: await buildView(deps, person, p.target.board, boards, p.target.priority) };
  };
  if (p.version !== req.baseVersion) return staleView();
  const at = deps.clock.now();
  const next = await deps.boardPeople.advance(p.target.board.key, p.version, { source: 'teams', changedAt: at.toISOString() });
  if (next === undefined) return staleView();
  for (const person of p.people) await deps.people.putPerson(person);
  if (p.priority) await deps.strategies.putPriority(p.priority);
  const change: BoardChange = { boardKey: p.target.board.key, at, by: p.by.id, subject: p.subject, before: p.before, after: p.after };
  await deps.changes.append(change);
  const { boards } = await requireBoardManager(deps, who).catch(() => ({ boards: [p.target.board] }));
  return { kind: 'saved', change, what: p.target.label, person: p.person, created: p.created, view: await buildView(deps, p.by, p.target.board, boards, p.target.priority), ...(p.target.priority ? { before: p.target.priority } : {}) };
}

function dropCached(deps: AppDeps): void {
  deps.strategies.dropCached?.();
  deps.people.dropCached?.();
}

/** One line of `history people`: who changed what, when, from what to what. */
export interface PeopleHistoryRow {
  at: string;
  by: string;
  what: string;
  before: string;
  after: string;
}

/** `history people [board]`: the latest changes to a board's people, newest first. */
export async function peopleHistory(deps: AppDeps, who: Identity, query = '', limit = 20): Promise<{ board: Pick<Board, 'key' | 'name'>; rows: PeopleHistoryRow[] }> {
  const { person, boards } = await requireBoardManager(deps, who);
  const named = query.trim() ? await boardsNamed(deps, person, query.trim()) : boards;
  if (named.length === 0) throw new DomainError('BOARD_NOT_FOUND', `no board ${query}`, { query: query.slice(0, 80), boards: boards.map((b) => b.name).join(', ') });
  const board = named[0]!;
  const lists = await Promise.all(PEOPLE_SUBJECT_PREFIXES.map((subjectPrefix) => deps.changes.list(board.key, { subjectPrefix, limit })));
  const changes = lists
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
  const people = new Map((await deps.people.listPeople()).map((p) => [p.id, p]));
  const labels = new Map<string, string>();
  const labelOf = async (subject: string): Promise<string> => {
    const m = /^(lead|deputy) of (.+)$/.exec(subject);
    if (!m) return subject === 'managers' ? 'Managers' : subject;
    const ref = parsePriorityRef(m[2]);
    if (!ref) return subject;
    if (!labels.has(m[2]!)) {
      const project = parseProjectUnitKey(ref.key);
      const p = await deps.strategies.getPriority(ref.strategyKey, project?.workstreamKey ?? ref.key);
      const unit = p && project ? projectUnits(p).find((u) => u.key === ref.key) : p;
      labels.set(m[2]!, unit ? unitLabel(unit) : m[2]!);
    }
    return `${m[1] === 'lead' ? 'Lead' : 'Deputy'} of ${labels.get(m[2]!)!}`;
  };
  const rows: PeopleHistoryRow[] = [];
  for (const c of changes) rows.push({ at: c.at.toISOString(), by: people.get(c.by)?.name ?? c.by, what: await labelOf(c.subject), before: c.before, after: c.after });
  return { board: { key: board.key, name: board.name }, rows };
}
