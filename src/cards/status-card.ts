import type { StatusView } from '../app/status';
import { DIRECTION_ARROWS, targetText } from '../domain/kpi';
import type { TableCell, TableRow, TextWeight } from './adaptive-card';
import { card, cardMarkdown, facts, heading, labelled, localDateTime, longDate, note, plural, priorityName, ragBadge, ragText, type Card, type Element } from './elements';

export const STATUS_VERB = 'status.show';

function kpiRows(view: StatusView): Element[] {
  if (view.kpis.length === 0) return [];
  const cell = (text: string, weight: TextWeight = 'Default'): TableCell => ({ type: 'TableCell', items: [note(text, { weight, size: 'Small' })] });
  // Workstream KPIs belong to projects: name the project so a row reads on its own.
  const projects = new Map((view.priority.projects ?? []).map((p) => [p.key, p.title]));
  const rows: TableRow[] = view.kpis.map(({ kpi, latest, direction }) => ({
    type: 'TableRow',
    cells: [
      cell(`${kpi.projectKey && projects.has(kpi.projectKey) ? `${projects.get(kpi.projectKey)}: ` : ''}${kpi.name} (${kpi.unit})`),
      cell(`${kpi.baseline.value} (${kpi.baseline.period})`),
      cell(latest ? `${latest.value} (${latest.period})` : 'No reading since baseline'),
      cell(kpi.target ? targetText(kpi.target) : 'None set'),
      cell(direction ? DIRECTION_ARROWS[direction] : latest ? '—' : 'Not yet measurable'),
    ],
  }));
  return [
    heading('KPIs'),
    {
      type: 'Table',
      gridStyle: 'default',
      firstRowAsHeader: true,
      columns: [{ width: 3 }, { width: 2 }, { width: 2 }, { width: 2 }, { width: 2 }],
      rows: [{ type: 'TableRow', cells: ['Indicator', 'Baseline', 'Latest', 'Target', 'Direction'].map((h) => cell(h, 'Bolder')) }, ...rows],
    },
  ];
}

/**
 * The delivery plan's actions and milestones: often a page long in the paper, so they sit
 * behind a button and the card opens on what a manager asks first (RAG, latest answer).
 */
function plan(priority: StatusView['priority']): Element[] {
  const actions = priority.actions ?? [];
  const milestones = priority.milestones ?? [];
  if (actions.length === 0 && milestones.length === 0) return [];
  const id = 'plan';
  const parts = [actions.length ? plural(actions.length, 'action') : '', milestones.length ? plural(milestones.length, 'milestone') : ''].filter(Boolean);
  return [
    { type: 'ActionSet', spacing: 'Medium', actions: [{ type: 'Action.ToggleVisibility', title: `Show the plan: ${parts.join(', ')}`, targetElements: [id] }] },
    {
      type: 'Container',
      id,
      isVisible: false,
      items: [
        ...labelled('Actions', actions.join('\n')),
        ...labelled('Milestones', milestones.map((m) => `• ${m.text}${m.due ? ` (due ${longDate(m.due)})` : ''}`).join('\n')),
      ],
    },
  ];
}

/**
 * A trend of baseline and readings, as a Teams chart under its KPI's name and unit; clients
 * without charts show the text. The name is a TextBlock above the chart, not the chart's own
 * `title`, which not every client draws (the Agents Playground showed two untitled charts).
 */
export function kpiTrend(line: StatusView['kpis'][number]): Element[] {
  const points = [line.kpi.baseline, ...line.kpi.readings];
  if (points.length < 2) return [];
  const text = points.map((p) => `${p.period}: ${p.value}`).join(' → ');
  return [note(`Trend: ${line.kpi.name} (${line.kpi.unit})`, { weight: 'Bolder', spacing: 'Medium' }), {
    type: 'Chart.Line',
    xAxisTitle: 'Period',
    yAxisTitle: line.kpi.unit,
    data: [{ legend: line.kpi.name, values: points.map((p) => ({ x: p.period, y: p.value })) }],
    fallback: { type: 'TextBlock', text: cardMarkdown(`${text} ${line.kpi.unit}`), wrap: true, size: 'Small' },
  }];
}

/** A priority's status: RAG now and before, the latest answer, KPIs, lead and due date. */
export function statusCard(view: StatusView, timeZone: string): Card {
  const { priority, latest } = view;
  const body: Element[] = [
    heading(priorityName(priority), 'Large'),
    note(`${view.themeTitle} · ${view.strategy.title}`, { isSubtle: true, spacing: 'None' }),
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'auto', items: [note('RAG now', { isSubtle: true, size: 'Small' }), ragBadge(latest?.rag, { size: 'Large', spacing: 'None' })] },
        {
          type: 'Column',
          width: 'stretch',
          items: [note('Recent periods', { isSubtle: true, size: 'Small' }), note(view.recent.length ? view.recent.map((r) => `${r.period}: ${ragText(r.rag)}`).join('  ·  ') : 'No answers yet', { spacing: 'None' })],
        },
      ],
    },
  ];
  if (view.noLead && view.period) body.push({ type: 'Container', style: 'warning', items: [note(`No lead: nobody is asked for the ${view.period.label} check-in, so it is not counted as overdue. A board manager gives it a lead: "lead <number> <email or name>".`, { wrap: true })] });
  else if (view.overdue && view.period) body.push({ type: 'Container', style: 'attention', items: [note(`Overdue: the ${view.period.label} check-in was due on ${longDate(view.period.due)}.`, { weight: 'Bolder' })] });
  else if (view.stale && view.period) body.push({ type: 'Container', style: 'warning', items: [note(`No answer yet for ${view.period.label}; due ${longDate(view.period.due)}. What is shown is older.`)] });
  const answeredBy = latest ? (latest.onBehalfOfName ? `${latest.submittedByName} on behalf of ${latest.onBehalfOfName}` : latest.submittedByName) : undefined;
  body.push(
    facts([
      ['Lead', view.leads.join(', ') || undefined],
      ['Deputy', view.deputies.join(', ') || undefined],
      ['Contacts', priority.contacts.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join('; ') || undefined],
      ['Governance', priority.governance],
      ['Latest answer', latest ? `${latest.period}, by ${answeredBy}, ${localDateTime(latest.submittedAt, timeZone)}${latest.channel === 'web' ? ' (answered by email link)' : ''}${latest.version > 1 ? `; edited ${latest.version === 2 ? 'once' : `${latest.version - 1} times`} (see "history ${priority.number}")` : ''}` : undefined],
      ['Due', view.period ? `${longDate(view.period.due)} (${view.period.label})` : undefined],
      ['Status', view.live ? undefined : priority.status === 'proposed' ? 'Proposed' : 'Strategy closed: history only'],
    ]),
  );
  // A workstream of the logic model: what it is for and who runs each project.
  body.push(...labelled('Objective', priority.objective));
  if (view.projects?.length && view.period) {
    // Live: each project's answer for the workstream's period, and who answers it.
    const where = (p: NonNullable<typeof view.projects>[number]) => (p.rag ? ragText(p.rag) : p.standing === 'answered' ? 'Answered, no rating' : p.standing === 'overdue' && p.named ? `Not yet reported (${plural(p.daysOverdue, 'day')} overdue)` : 'Not yet reported');
    body.push(heading(`Projects, ${view.period.label}`), facts(view.projects.map((p) => [p.title, `${where(p)} · ${p.lead}`])));
  } else if (priority.projects?.length) body.push(...labelled('Projects', priority.projects.map((p) => `• ${p.title}${p.leadOfficer ? ` (${p.leadOfficer})` : ''}`).join('\n')));
  if (priority.outcomes?.length) body.push(...labelled('Outcomes', priority.outcomes.map((o) => `• ${o.text}${o.phofRef ? ` (PHOF ${o.phofRef})` : ''}`).join('\n')));
  body.push(...plan(priority));
  if (latest) {
    if (latest.ragReason) body.push(...labelled('Why this rating differs from what the KPIs suggest', latest.ragReason));
    body.push(...labelled('Update', latest.update), ...labelled('Next steps', latest.nextSteps), ...labelled('Risks and mitigations', latest.risks), ...labelled('Point for escalation', latest.escalation));
    // Answers keep the group's key ("smi"); people read the strategy's name for it.
    const groupName = (key: string) => view.strategy.plusGroups.find((g) => g.key === key)?.name ?? key;
    for (const [group, impact] of Object.entries(latest.plusGroups)) body.push(...labelled(`PLUS group: ${groupName(group)}`, impact));
  }
  body.push(...kpiRows(view));
  // Charts for the first few KPIs with a trend: enough to read, small enough for a card.
  body.push(...view.kpis.map(kpiTrend).filter((e) => e.length > 0).slice(0, 4).flat());
  return card(body);
}
