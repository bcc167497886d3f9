import type { ProjectSubmitResult } from '../app/check-in';
import type { ProjectCheckInForm } from '../domain/notice';
import { checkInFields, formNotes } from './check-in-card';
import { card, execute, facts, heading, localDateTime, longDate, note, priorityName, ragBadge, type Card, type Element } from './elements';
import { EDIT_VERB } from './receipt-card';

export const PROJECTS_SUBMIT_VERB = 'projects.submit';
export const PROJECTS_OPEN_VERB = 'projects.open';

/** Input ids of section `i`: short, and never a prefix of another section's. */
export const sectionPrefix = (i: number) => `p${i}_`;

/**
 * The projects a lead answers in one workstream, a section each, submitted at once: the monitoring
 * template's row per project (KPIs, update, next steps, PLUS groups, risks, RAG for the period).
 */
export function projectCheckInCard(view: ProjectCheckInForm): Card {
  const { workstream, period, sections } = view;
  const first = sections[0];
  const body: Element[] = [
    heading(`Project check-in for ${period.label}`, 'Large'),
    note(`${workstream.number}. ${workstream.title}`, { weight: 'Bolder' }),
    facts([
      ['Strategy', view.strategy.title],
      ['Period', `${longDate(period.start)} to ${longDate(period.end)}`],
      ['Due', longDate(period.due)],
      ['Answering as', first ? (first.onBehalfOf ? `${first.answeringAs}, on behalf of ${first.onBehalfOf}` : first.answeringAs) : undefined],
    ]),
    note(sections.length === 1 ? 'One project: its answer is saved when you submit.' : `${sections.length} projects, a section each. Submit saves each project you filled in as its own answer; a section left blank is not answered yet.`, { isSubtle: true, size: 'Small' }),
  ];
  sections.forEach((s, i) => {
    const outcome = view.outcomes?.[s.priority.key];
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Large',
      items: [
        heading(`Project ${i + 1} of ${sections.length}: ${s.priority.title}`),
        ...(s.priority.contacts[0] ? [note(`Lead officer in the paper: ${s.priority.contacts[0].name}`, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
        // The outcome in default text on a tinted band: Teams' Good text colour is under 4.5:1 on white.
        ...(outcome ? [{ type: 'Container' as const, style: outcome.startsWith('Saved') ? ('good' as const) : ('attention' as const), items: [note(outcome, { weight: 'Bolder' })] }] : []),
        ...formNotes(s, sectionPrefix(i)),
        ...checkInFields(s, sectionPrefix(i)),
      ],
    });
  });
  return card(body, [
    execute(sections.length === 1 ? 'Submit project check-in' : `Submit all ${sections.length} projects`, PROJECTS_SUBMIT_VERB, {
      workstream: `${workstream.strategyKey}/${workstream.key}`,
      sections: sections.map((s, i) => ({ priority: `${s.priority.strategyKey}/${s.priority.key}`, period: s.period.label, baseVersion: s.baseVersion, submissionId: s.submissionId, prefix: sectionPrefix(i) })),
    }, { style: 'positive', associatedInputs: 'auto' }),
  ]);
}

/** Replaces the projects' card once every section is saved: a receipt line per project. */
export function projectReceiptCard(result: Extract<ProjectSubmitResult, { kind: 'receipts' }>, timeZone: string): Card {
  const body: Element[] = [
    heading(`✔ ${result.receipts.length === 1 ? 'Project check-in' : `${result.receipts.length} project check-ins`} received for ${result.period.label}`, 'Large'),
    note(`${result.workstream.number}. ${result.workstream.title}`, { weight: 'Bolder' }),
  ];
  for (const r of result.receipts) {
    const c = r.checkIn;
    body.push({
      type: 'Container',
      separator: true,
      items: [
        note(priorityName(r.priority), { weight: 'Bolder' }),
        ragBadge(c.rag),
        facts([
          ['Saved', `${localDateTime(c.submittedAt, timeZone)}, version ${c.version}${r.duplicate ? ' (already saved: this was a repeat)' : ''}`],
          ['Editable until', r.canEdit ? longDate(r.period.closes) : undefined],
        ]),
        ...(r.canEdit ? [{ type: 'ActionSet' as const, actions: [execute(`Edit ${r.priority.title.length > 40 ? 'this project' : r.priority.title}`, EDIT_VERB, { priority: `${r.priority.strategyKey}/${r.priority.key}`, period: r.period.label })] }] : []),
      ],
    });
  }
  if (result.notAnswered.length > 0) body.push({ type: 'Container', separator: true, items: [note(`Left blank, so not answered yet: ${result.notAnswered.join('; ')}. Type "projects" for a card to answer ${result.notAnswered.length === 1 ? 'it' : 'them'}.`, { isSubtle: true })] });
  return card(body);
}
