import type { DigestView } from '../domain/notice';
import { DIRECTION_ARROWS, DIRECTIONS } from '../domain/kpi';
import { RAGS } from '../domain/rag';
import { card, priorityName, cardBytes, CARD_BYTE_LIMIT, execute, heading, longDate, note, ragText, userText, type Card, type Element } from './elements';
import { STATUS_VERB } from './status-card';

function counts(view: DigestView): Element[] {
  return view.summaries.map((s) => {
    const rag = [...RAGS.map((r) => `${ragText(r)} ${s.summary.rag[r]}`), `${ragText(undefined)} ${s.summary.rag.notReported}`].join(' · ');
    const due = s.summary.notYetDue !== undefined ? ` · Not yet due ${s.summary.notYetDue}` : '';
    const dot = DIRECTIONS.map((d) => `${DIRECTION_ARROWS[d]} ${s.summary.directionOfTravel[d]}`).join(' · ');
    // The counts name what they are made of: a manager can see which indicators worsened.
    const worse = (s.indicators ?? []).filter((i) => i.direction === 'worsened');
    const named = worse.length > 0 ? [note(`Worsened: ${worse.slice(0, 8).map((i) => `${i.name}${i.priorityNumber ? ` (${i.priorityNumber})` : ''}`).join('; ')}${worse.length > 8 ? `; and ${worse.length - 8} more` : ''}`, { spacing: 'None', isSubtle: true, size: 'Small', wrap: true })] : [];
    return { type: 'Container', items: [note(`${s.strategy.title}${s.summary.period ? ` (${s.summary.period})` : ''}`, { weight: 'Bolder' }), note(`${rag}${due}`, { spacing: 'None' }), note(`Indicators: ${dot}`, { spacing: 'None', isSubtle: true, size: 'Small' }), ...named] };
  });
}

function build(view: DigestView, perGroup: number): Card {
  const body: Element[] = [heading(`Escalation digest, ${longDate(view.date)}`, 'Large'), ...(view.board ? [note(view.board.name, { spacing: 'None', isSubtle: true })] : []), ...counts(view)];
  if (view.groups.length === 0) {
    body.push(note('Nothing needs the board\'s attention this period.', { weight: 'Bolder', spacing: 'Large' }));
    return card(body);
  }
  body.push(note(`${view.priorities} ${view.priorities === 1 ? 'priority needs' : 'priorities need'} the board's attention.`, { weight: 'Bolder', spacing: 'Large' }));
  for (const group of view.groups) {
    body.push(heading(`${group.title} (${group.entries.length})`));
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
      const names = group.entries.slice(perGroup).map((e) => e.number);
      body.push(note(`…and ${rest} more: ${names.slice(0, 40).join(', ')}${names.length > 40 ? ', …' : ''}. Ask "status <number>" for any of them.`, { isSubtle: true, size: 'Small' }));
    }
  }
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
