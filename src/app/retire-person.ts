import type { Board } from '../domain/board';
import { namesInWords } from '../domain/board-people';
import { DomainError } from '../domain/errors';
import type { Notice } from '../domain/notice';
import type { Identity, Person } from '../domain/person';
import { isPersonalChat } from '../domain/personal-chat';
import type { BoardChange } from '../domain/ports';
import { planRetirement, rolesHeld, type RetirementPlan, type RoleHeld } from '../domain/retirement';
import { priorityRef, type Priority } from '../domain/strategy';
import { allBoards } from './board-picture';
import { boardOfPriority, boardPriorities, peopleChangeAlone, pickFromText, unitLabel } from './board-people';
import type { CycleDeps } from './cycle-deps';
import type { AppDeps } from './deps';
import { requireBoardManager } from './digest';
import { today } from './people';

/** One role a retirement takes away (or leaves), in words. */
export interface RetiredRole {
  board: string;
  /** priorityRef of the priority or project. */
  ref: string;
  /** "Lead of 1. Healthy weight", "Deputy of W2 project "Pregnancy…"". */
  what: string;
  role: 'lead' | 'deputy';
  /** Who holds it after: "No lead", "No deputy" or the others' names. */
  after: string;
}

/** What retiring a person would do, for the manager to confirm; nothing is written before Confirm. */
export interface RetirementProposal {
  person: { id: string; name: string; organisation?: string; email?: string };
  /** The boards changed, each with the people version the change is written on. */
  boards: { key: string; name: string; version: string }[];
  removed: RetiredRole[];
  /** Boards they stop managing. */
  leaves: string[];
  /** Roles on boards the sender does not manage: they stay. */
  kept: RetiredRole[];
  /** Boards they still manage (the sender does not). */
  stillManages: string[];
  /** Nothing left anywhere: they are marked retired and get no more reminders. */
  retiredEverywhere: boolean;
}

export type RetirementOutcome =
  /** Written; `notices` are the managers' requests to reassign, to be sent (`askManagersToReassign`). */
  | { kind: 'saved'; done: RetirementProposal; changes: BoardChange[]; notices: Notice[]; removed: RemovedRole[] }
  /** Another manager changed one of the boards' people since the confirmation: nothing written, the new proposal shown. */
  | { kind: 'stale'; proposal: RetirementProposal };

/** A role taken away, as `planPeopleChange` takes it: the priority as it stood before, and the change as audited. */
export interface RemovedRole {
  unitRef: string;
  role: 'lead' | 'deputy';
  before: Priority;
  change: BoardChange;
}

interface Planned {
  by: Person;
  plan: RetirementPlan;
  proposal: RetirementProposal;
  boards: Board[];
  people: Person[];
}

const roleWords = (r: RoleHeld, boards: readonly Board[], people: ReadonlyMap<string, Pick<Person, 'name'>>): RetiredRole => ({
  board: boards.find((b) => b.key === r.boardKey)?.name ?? r.boardKey,
  ref: priorityRef(r.unit),
  what: `${r.role === 'lead' ? 'Lead' : 'Deputy'} of ${unitLabel(r.unit)}`,
  role: r.role,
  after: namesInWords(r.others, people, nobodyFor(r)),
});

/** Who holds a role once nobody does: a project with no lead of its own is its workstream lead's to answer. */
const nobodyFor = (r: RoleHeld) => (r.role === 'deputy' ? 'No deputy' : r.unit.workstream ? PROJECT_TO_WORKSTREAM : 'No lead');
const PROJECT_TO_WORKSTREAM = 'No lead of its own: the workstream lead answers';

/**
 * Reads and checks a retirement: the sender's boards from the sender (never the card), the
 * person's roles on every live priority, and each changed board's version read before the data.
 */
async function planFor(deps: AppDeps, who: Identity, personId: string): Promise<Planned> {
  const { person: by, boards: managed } = await requireBoardManager(deps, who);
  const boards = await allBoards(deps);
  const versions = new Map((await deps.boardPeople.list()).map((r) => [r.boardKey, r.version]));
  const people = await deps.people.listPeople();
  const person = people.find((p) => p.id === personId);
  if (!person) throw new DomainError('PERSON_NOT_FOUND', `no person ${personId}`, { input: personId.slice(0, 80) });
  const strategies = await deps.strategies.listStrategies();
  const priorities = await boardPriorities(deps, new Set(boards.map((b) => b.key)));
  const held = rolesHeld(person.id, priorities, (p) => boardOfPriority(boards, strategies, p).key);
  const plan = planRetirement(
    person,
    held,
    people,
    managed.map((b) => b.key),
    boards,
    today(deps),
  );
  const names = new Map(people.map((p) => [p.id, p]));
  const nameOf = (key: string) => boards.find((b) => b.key === key)?.name ?? key;
  const changed = [...new Set([...plan.removed.map((r) => r.boardKey), ...plan.leaves])];
  const proposal: RetirementProposal = {
    person: { id: person.id, name: person.name, ...(person.organisation ? { organisation: person.organisation } : {}), ...(person.email ? { email: person.email } : {}) },
    boards: changed.map((key) => ({ key, name: nameOf(key), version: versions.get(key) ?? '' })),
    removed: plan.removed.map((r) => roleWords(r, boards, names)),
    leaves: plan.leaves.map(nameOf),
    kept: plan.kept.map((r) => roleWords(r, boards, names)),
    stillManages: plan.stillManages.map(nameOf),
    retiredEverywhere: plan.retiredEverywhere,
  };
  return { by, plan, proposal, boards, people };
}

/** `retire Kay Darby` / `retire kay.darby@example.org`, or Retire on the people card: what it would do. */
export async function proposeRetirement(deps: AppDeps, who: Identity, person: { text: string } | { personId: string }): Promise<RetirementProposal> {
  await requireBoardManager(deps, who);
  const personId = 'personId' in person ? person.personId : await personNamed(deps, person.text);
  return (await planFor(deps, who, personId)).proposal;
}

async function personNamed(deps: AppDeps, text: string): Promise<string> {
  const people = await deps.people.listPeople();
  const pick = pickFromText(people, text);
  if ('personId' in pick) return pick.personId;
  const byEmail = 'email' in pick ? people.find((p) => p.email?.toLowerCase() === pick.email.toLowerCase()) : undefined;
  if (byEmail) return byEmail.id;
  // An email address nobody has: nobody to retire.
  throw new DomainError('PERSON_NOT_FOUND', `no person ${text}`, { input: text.trim().slice(0, 80) });
}

/**
 * Retires a person from the boards the sender manages, on the versions the confirmation was made
 * on: their roles there go (a priority left with nobody shows "No lead"), they stop managing those
 * boards (never the last manager), and with nothing left anywhere they are marked retired. One
 * audit entry per role removed, and one for the managers of each board they left.
 */
export function retirePerson<E = never>(
  deps: AppDeps,
  who: Identity,
  req: { personId: string; versions: Readonly<Record<string, string>> },
  /** What the retirement sets going, in its own turn: no other change runs between the two. */
  effects?: (saved: Extract<RetirementOutcome, { kind: 'saved' }>) => Promise<E>,
): Promise<RetirementOutcome & { effects?: E }> {
  return peopleChangeAlone(deps, async () => {
    const outcome = await retireNow(deps, who, req);
    return outcome.kind === 'saved' && effects ? { ...outcome, effects: await effects(outcome) } : outcome;
  });
}

async function retireNow(deps: AppDeps, who: Identity, req: { personId: string; versions: Readonly<Record<string, string>> }): Promise<RetirementOutcome> {
  const p = await planFor(deps, who, req.personId);
  const stale = { kind: 'stale' as const, proposal: p.proposal };
  if (p.proposal.boards.some((b) => req.versions[b.key] !== b.version)) return stale;
  const at = deps.clock.now();
  for (const b of p.proposal.boards) {
    if ((await deps.boardPeople.advance(b.key, b.version, { source: 'teams', changedAt: at.toISOString() })) === undefined) {
      // A board advanced before this one stays advanced: its version moved, nothing of it was written.
      return { kind: 'stale', proposal: (await planFor(deps, who, req.personId)).proposal };
    }
  }
  for (const priority of p.plan.priorities) await deps.strategies.putPriority(priority);
  await deps.people.putPerson(p.plan.person);
  const names = new Map(p.people.map((x) => [x.id, x]));
  const changes: BoardChange[] = p.plan.removed.map((r) => ({
    boardKey: r.boardKey,
    at,
    by: p.by.id,
    subject: `${r.role} of ${priorityRef(r.unit)}`,
    before: namesInWords(r.holders, names, ''),
    after: namesInWords(r.others, names, nobodyFor(r)),
  }));
  for (const key of p.plan.leaves) {
    const before = p.people.filter((x) => x.manages?.includes(key) ?? x.boardManager).sort((a, b) => a.name.localeCompare(b.name));
    changes.push({ boardKey: key, at, by: p.by.id, subject: 'managers', before: namesInWords(before.map((x) => x.id), names, 'No manager'), after: namesInWords(before.filter((x) => x.id !== p.plan.person.id).map((x) => x.id), names, 'No manager') });
  }
  for (const change of changes) await deps.changes.append(change);
  if (p.plan.retiredEverywhere) await endCovers(deps, p.plan.person.id);
  // One change per role removed, in the plan's order (the managers' changes come after them).
  const removed = p.plan.removed.map((r, i): RemovedRole => ({ unitRef: priorityRef(r.unit), role: r.role, before: r.priority, change: changes[i]! }));
  return { kind: 'saved', done: p.proposal, changes, notices: reassignNotices(p, at), removed };
}

/**
 * A retired person covers for nobody: a lead away who named them is then covered as if they had
 * named nobody (the priority's deputy, else the lead), and their own time away ends with them.
 */
async function endCovers(deps: AppDeps, personId: string): Promise<void> {
  for (const cover of await deps.cover.list()) {
    if (cover.personId === personId) await deps.cover.clear(personId);
    else if (cover.deputyId === personId) {
      await deps.cover.set({ personId: cover.personId, until: cover.until, setAt: cover.setAt });
    }
  }
}

/** Each manager of a board the person held roles on is asked to reassign them (the sender too: the notice carries the way back to the card). */
function reassignNotices(p: Planned, at: Date): Notice[] {
  const notices: Notice[] = [];
  for (const board of p.boards) {
    const roles = p.proposal.removed.filter((r) => r.board === board.name);
    if (roles.length === 0) continue;
    const managers = p.people.map((x) => (x.id === p.plan.person.id ? p.plan.person : x)).filter((x) => (x.manages ? x.manages.includes(board.key) : x.boardManager));
    for (const to of managers) notices.push({ kind: 'managers-reassign', to, board: { key: board.key, name: board.name }, person: p.proposal.person.name, by: p.by.name, at: at.toISOString(), roles });
  }
  return notices;
}

/**
 * The managers' requests to reassign, through the outbox (one entry per manager, board and
 * retirement), in their personal chat; a manager with none is recorded as undeliverable.
 */
export async function askManagersToReassign(deps: CycleDeps, notices: readonly Notice[]): Promise<{ sent: number; undeliverable: number; failed: number }> {
  const out = { sent: 0, undeliverable: 0, failed: 0 };
  const chats = new Map((await deps.conversations.list()).filter(isPersonalChat).map((c) => [c.personId, c]));
  const date = today(deps);
  for (const n of notices) {
    if (n.kind !== 'managers-reassign') continue;
    const ref = { key: `managers-reassign|${n.board.key}|${n.at}|${n.to.id}`, localDate: date, kind: 'managers-reassign' };
    const claim = await deps.outbox.claim(ref, deps.instanceId, deps.clock.now(), deps.leaseMs);
    if (typeof claim === 'string') continue;
    const chat = chats.get(n.to.id);
    if (!chat) {
      await deps.outbox.complete(claim, { status: 'undeliverable', recipientId: n.to.id, note: 'recipient has not installed the bot' }, deps.clock.now());
      out.undeliverable += 1;
      continue;
    }
    try {
      await deps.notifier.send(chat.reference, n);
      await deps.outbox.complete(claim, { status: 'sent', recipientId: n.to.id, note: 'via Teams' }, deps.clock.now());
      out.sent += 1;
    } catch (e) {
      // No later tick plans this notice again, so a failure is recorded as final (the ledger and `reach` show it).
      await deps.outbox.complete(claim, { status: 'failed', recipientId: n.to.id, note: e instanceof Error ? e.message : String(e) }, deps.clock.now());
      out.failed += 1;
    }
  }
  return out;
}
