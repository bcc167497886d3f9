import type { DigestView } from '../domain/notice';
import { DIRECTION_ARROWS, DIRECTIONS } from '../domain/kpi';
import { RAGS } from '../domain/rag';
import { card, priorityName, cardBytes, CARD_BYTE_LIMIT, execute, heading, longDate, note, ragText, userText, type Card, type Element } from './elements';
import { STATUS_VERB } from './status-card';
import { countWords, namesOnce } from '../app/digest';
import { plural } from '../domain/wording';

function counts(view: DigestView): Element[] {
  return view.summaries.map((s) => {
    const rag = `Priorities: ${[...RAGS.map((r) => `${ragText(r)} ${s.summary.rag[r]}`), `${ragText(undefined)} ${s.summary.rag.notReported}${notReportedParts(s.summary)}`].join(' · ')}`;
    const due = s.summary.notYetDue !== undefined ? ` · Not yet due ${s.summary.notYetDue}` : '';
    const p = s.summary.projects;
    const projects = p ? [note(`Projects: ${[...RAGS.map((r) => `${ragText(r)} ${p[r]}`), `${ragText(undefined)} ${p.notReported}${p.overdue + p.noLead > 0 ? ` (${[...(p.overdue ? [`overdue ${p.overdue}`] : []), ...(p.noLead ? [`no lead ${p.noLead}`] : [])].join(', ')})` : ''}`, `Not yet due ${p.notYetDue}`].join(' · ')}`, { spacing: 'None', size: 'Small' })] : [];
    const dot = DIRECTIONS.map((d) => `${DIRECTION_ARROWS[d]} ${s.summary.directionOfTravel[d]}`).join(' · ');
    // The counts name what they are made of: a manager can see which indicators worsened.
    const worse = (s.indicators ?? []).filter((i) => i.direction === 'worsened');
    const named = worse.length > 0 ? [note(`Worsened: ${worse.slice(0, 8).map((i) => `${i.name}${i.priorityNumber ? ` (${i.priorityNumber})` : ''}`).join('; ')}${worse.length > 8 ? `; and ${worse.length - 8} more` : ''}`, { spacing: 'None', isSubtle: true, size: 'Small', wrap: true })] : [];
    return { type: 'Container', items: [note(`${s.strategy.title}${s.summary.period ? ` (${s.summary.period})` : ''}`, { weight: 'Bolder' }), note(`${rag}${due}`, { spacing: 'None', wrap: true }), ...projects, note(`Indicators: ${dot}`, { spacing: 'None', isSubtle: true, size: 'Small' }), ...named] };
  });
}

/** What Not reported is made of, so it can be read against the Overdue and No lead sections. */
function notReportedParts(s: DigestView['summaries'][number]['summary']): string {
  if (s.overdue === undefined || s.noLead === undefined) return '';
  const other = s.rag.notReported - s.overdue - s.noLead;
  const parts = [...(s.overdue ? [`overdue ${s.overdue}`] : []), ...(s.noLead ? [`no lead ${s.noLead}`] : []), ...(other > 0 ? [`no rating ${other}`] : [])];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** "No lead assigned (n)": listed once, with what to do; nobody is asked, so none of them is overdue. */
function noLeadSection(view: DigestView, shown: number): Element[] {
  const list = view.noLead ?? [];
  if (list.length === 0) return [];
  const line = (e: (typeof list)[number]) => `${e.number}. ${e.title.length > 90 ? `${e.title.slice(0, 89)}…` : e.title}${e.projects > 0 ? ` (and ${plural(e.projects, 'project')})` : ''}`;
  const rest = list.slice(shown);
  return [
    heading(`No lead assigned (${list.length})`),
    note('Nobody is asked for these check-ins, so none of them is counted as overdue. To give one a lead, a board manager types "lead <number> <email or name>" to the bot, or "people" for the card.', { isSubtle: true, size: 'Small', spacing: 'None', wrap: true }),
    ...list.slice(0, shown).map((e) => note(line(e), { size: 'Small', spacing: 'None', wrap: true })),
    ...(rest.length > 0 ? [note(`…and ${rest.length} more: ${rest.map((e) => e.number).join(', ')}.`, { isSubtle: true, size: 'Small', spacing: 'None', wrap: true })] : []),
  ];
}

function build(view: DigestView, perGroup: number): Card {
  const body: Element[] = [heading(`Escalation digest, ${longDate(view.date)}`, 'Large'), ...(view.board ? [note(view.board.name, { spacing: 'None', isSubtle: true })] : []), ...counts(view)];
  const noLead = noLeadSection(view, Math.max(perGroup * 2, 3));
  if (view.groups.length === 0) {
    body.push(note('Nothing needs the board\'s attention this period.', { weight: 'Bolder', spacing: 'Large' }), ...noLead);
    return card(body);
  }
  body.push(note(`${view.priorities} ${view.priorities === 1 ? 'priority needs' : 'priorities need'} the board's attention.`, { weight: 'Bolder', spacing: 'Large' }));
  for (const group of view.groups) {
    body.push(heading(`${group.title} (${countWords(group.entries)})`));
    for (const entry of group.entries.slice(0, perGroup)) {
      body.push({
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [note(priorityName(entry), { weight: 'Bolder', size: 'Small' }), userText(entry.detail.length > 300 ? `${entry.detail.slice(0, 299)}…` : entry.detail, { spacing: 'None' })] },
          { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [{ type: 'ActionSet', actions: [execute('Status', STATUS_VERB, { priority: entry.ref })] }] },
        ],
      });
    }
    const rest = group.entries.length - perGroup;
    if (rest > 0) {
      const names = namesOnce(group.entries.slice(perGroup));
      body.push(note(`…and ${rest} more: ${names.slice(0, 40).join(', ')}${names.length > 40 ? ', …' : ''}. Ask "status <number>" for any of them.`, { isSubtle: true, size: 'Small' }));
    }
  }
  body.push(...noLead);
  return card(body);
}

/**
 * The digest card: counts on top, grouped by reason, a Status button per priority. However many
 * priorities escalate it stays under the card size limit: the tail of each group is summarised.
 */
export function digestCard(view: DigestView): Card {
  for (const perGroup of [10, 6, 4, 2, 1, 0]) {
    const c = build(view, perGroup);
    if (cardBytes(c) <= CARD_BYTE_LIMIT) return c;
  }
  return build({ ...view, groups: view.groups.map((g) => ({ ...g, entries: g.entries.slice(0, 50) })) }, 0);
}
