import type { Board } from '../domain/board';
import { DomainError } from '../domain/errors';
import type { CheckInForm, LeadNoticeKind, Notice } from '../domain/notice';
import type { Identity, Person } from '../domain/person';
import type { PicturedPriority } from '../domain/picture';
import { findPriorities } from '../domain/priority-lookup';
import { NotifierError } from '../domain/ports';
import { unitsAnsweredByWorkstreamLeads } from '../domain/project';
import { describeRoute } from '../domain/reach';
import { reminderRecipient } from '../domain/rights';
import { askedFor, isStrategyLive, priorityRef, type Priority } from '../domain/strategy';
import { priorityName } from '../domain/wording';
import { boardsInView, loadPicture, strategiesOf } from './board-picture';
import { checkInForm } from './check-in';
import { requireBoardManager } from './digest';
import { activeCovers, today } from './people';
import { leadRouteOf } from '../domain/delivery-plan';
import type { CycleDeps } from './reporting-cycle';
import { isPersonalChat } from '../domain/personal-chat';

/**
 * `chase [priority | board]` (board managers): a reminder now to the leads of the overdue
 * priorities of the boards they manage (or of the priorities they name), through the outbox, so
 * nobody is chased twice on one day whoever asks and however often. The answer says who was
 * reached and by which route, or why not.
 */
export interface ChaseLine {
  personId: string;
  name: string;
  organisation?: string;
  /** What they were reminded of: priorities, and projects under their workstream. */
  items: string[];
  route: 'teams' | 'email' | 'none';
  /** "Teams chat", "email (kay.darby@example.org)", "not reachable: …": the route in words. */
  routeText: string;
  /** Sent now; already chased today (nothing sent again); no route; or the send failed (why in `note`). */
  outcome: 'sent' | 'already' | 'unreachable' | 'failed';
  note?: string;
}

export interface ChaseView {
  /** What was chased: the boards' overdue priorities, or the priorities named. */
  scope: { kind: 'overdue'; boards: string[] } | { kind: 'named'; names: string[] };
  date: string;
  lines: ChaseLine[];
  /** Named, but nobody is asked for them (no lead, no deputy): nobody to chase. */
  noLead: string[];
  /** Named, but answered for their current period already. */
  answered: string[];
}

/** One thing to remind one person of: a priority, or their projects of one workstream. */
interface Task {
  recipientId: string;
  item: string;
  notice: (to: Person) => Notice;
}

export async function chaseLeads(deps: CycleDeps, who: Identity, query: string): Promise<ChaseView> {
  const { person, boards: managed } = await requireBoardManager(deps, who).catch((e: unknown) => {
    throw e instanceof DomainError && e.code === 'NOT_BOARD_MANAGER' ? new DomainError('NOT_BOARD_MANAGER', e.message, { action: 'chase leads' }) : e;
  });
  const date = today(deps);
  const q = query.trim();
  const named = q === '' ? [] : await boardsInView(deps, person, q);
  const boards: Board[] = q === '' ? managed : named.length > 0 ? named : managed;
  const strategies = (await strategiesOf(deps, boards)).filter((s) => isStrategyLive(s, date));
  const picture = await loadPicture(deps, strategies);
  const pictured = picture.strategies.flatMap((sp) => sp.priorities);

  // A board named (or none): its overdue answers. Otherwise the priorities the words name.
  let chosen: PicturedPriority[];
  const view: ChaseView = { scope: { kind: 'overdue', boards: boards.map((b) => b.name) }, date, lines: [], noLead: [], answered: [] };
  if (q !== '' && named.length === 0) {
    const found = findPriorities(
      pictured.map((p) => p.priority),
      q,
    );
    if (found.matches.length === 0) throw new DomainError('PRIORITY_NOT_FOUND', `no priority ${q}`, { query: q.slice(0, 80) });
    const refs = new Set(found.matches.map(priorityRef));
    chosen = pictured.filter((p) => refs.has(priorityRef(p.priority)));
    view.scope = { kind: 'named', names: chosen.map((p) => priorityName(p.priority)) };
    for (const p of chosen) {
      if (p.standing === 'no-lead') view.noLead.push(priorityName(p.priority));
      else if (p.standing === 'answered' && !(p.projects ?? []).some((x) => x.named && x.standing !== 'answered')) view.answered.push(priorityName(p.priority));
    }
  } else chosen = pictured;

  const overdueOnly = view.scope.kind === 'overdue';
  const wanted = (standing: PicturedPriority['standing']) => (overdueOnly ? standing === 'overdue' : standing !== 'answered' && standing !== 'no-lead');
  const [people, conversations, reach, covers, answers] = await Promise.all([
    deps.people.listPeople(),
    deps.conversations.list(),
    deps.reach.list(),
    activeCovers(deps),
    Promise.all(strategies.map((s) => deps.checkIns.listForStrategy(s.key))),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const strategyOf = new Map(strategies.map((s) => [s.key, s]));
  const historyOf = (p: Priority) => answers.flat().filter((c) => c.strategyKey === p.strategyKey && c.priorityKey === p.key);
  const formFor = (p: Priority, period: PicturedPriority['period'], to: Person): CheckInForm =>
    checkInForm({ strategy: strategyOf.get(p.strategyKey)!, priority: p, period, person: to, history: historyOf(p), covers, names: byId, submissionId: deps.newId() });

  const tasks: Task[] = [];
  for (const p of chosen) {
    const kind: LeadNoticeKind = p.standing === 'overdue' ? 'overdue' : 'nudge';
    if (wanted(p.standing)) {
      const shared = unitsAnsweredByWorkstreamLeads(p.priority);
      for (const lead of askedFor(p.priority)) {
        const recipientId = reminderRecipient(lead, p.priority, covers);
        const forLead = recipientId !== lead ? byId.get(lead)?.name : undefined;
        tasks.push({
          recipientId,
          item: priorityName(p.priority),
          notice: (to) => ({ kind, to, priority: p.priority, period: p.period, form: formFor(p.priority, p.period, to), ...(forLead ? { forLead } : {}), ...(shared.length > 0 ? { workstreamProjects: shared } : {}) }),
        });
      }
    }
    // Projects with a lead of their own: each lead is reminded of theirs together, as the cycle does.
    const projects = (p.projects ?? []).filter((x) => x.named && wanted(x.standing));
    for (const lead of new Set(projects.flatMap((x) => askedFor(x.unit)))) {
      const mine = projects.filter((x) => askedFor(x.unit).includes(lead)).map((x) => x.unit);
      const recipientId = reminderRecipient(lead, mine[0]!, covers);
      const forLead = recipientId !== lead ? byId.get(lead)?.name : undefined;
      const kindOfProjects: LeadNoticeKind = projects.some((x) => x.standing === 'overdue') ? 'overdue' : 'nudge';
      tasks.push({
        recipientId,
        item: `${p.priority.number} ${mine.length === 1 ? 'project' : 'projects'}: ${mine.map((u) => u.title).join('; ')}`,
        notice: (to) => {
          const forms = mine.map((u) => ({ priority: u, form: formFor(u, p.period, to) }));
          return { kind: kindOfProjects, to, priority: p.priority, period: p.period, form: forms[0]!.form, projects: forms, ...(forLead ? { forLead } : {}) };
        },
      });
    }
  }

  const byRecipient = new Map<string, Task[]>();
  for (const t of tasks) byRecipient.set(t.recipientId, [...(byRecipient.get(t.recipientId) ?? []), t]);
  const chats = new Map(conversations.filter(isPersonalChat).map((c) => [c.personId, c]));
  const failures = new Map(reach.map((r) => [r.personId, r.lastFailure]));
  for (const [recipientId, mine] of byRecipient) {
    const to: Person = byId.get(recipientId) ?? { id: recipientId, name: recipientId, boardManager: false };
    const route = leadRouteOf(to, chats.get(recipientId), failures.get(recipientId), deps.email !== undefined, deps.installer !== undefined);
    const line: ChaseLine = {
      personId: to.id,
      name: to.name,
      ...(to.organisation ? { organisation: to.organisation } : {}),
      items: mine.map((t) => t.item),
      route: route.conversation ? 'teams' : route.email ? 'email' : 'none',
      routeText: route.conversation ? 'Teams chat' : route.email ? describeRoute({ kind: 'email', address: route.email.email }) : describeRoute({ kind: 'none', reasons: route.unreachable ?? [] }),
      outcome: 'sent',
    };
    view.lines.push(line);
    if (!route.conversation && !route.email) {
      line.outcome = 'unreachable';
      continue;
    }
    // One chase per person per day: the outbox key is the person's, dated today.
    const ref = { key: `chase|${recipientId}`, localDate: date, kind: 'chase' };
    const claim = await deps.outbox.claim(ref, deps.instanceId, deps.clock.now(), deps.leaseMs);
    if (typeof claim === 'string') {
      line.outcome = 'already';
      continue;
    }
    try {
      for (const [i, t] of mine.entries()) {
        if (route.email) await deps.email!.send(route.email, t.notice(to), `${ref.key}|${date}|${i}`);
        else await deps.notifier.send(route.conversation!.reference, t.notice(to));
      }
      await deps.outbox.complete(claim, { status: 'sent', recipientId, note: route.email ? `chased via email (${route.email.email})` : 'chased via Teams' }, deps.clock.now());
    } catch (e) {
      const note = e instanceof NotifierError || e instanceof Error ? e.message : String(e);
      await deps.outbox.complete(claim, { status: 'failed', recipientId, note }, deps.clock.now());
      line.outcome = 'failed';
      line.note = note;
    }
  }
  view.lines.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return view;
}
