import type { ProjectSubmitResult } from '../app/project-check-in';
import type { ProjectCheckInForm } from '../domain/notice';
import { editableUntil } from '../domain/wording';
import { priorityRef } from '../domain/strategy';
import { checkInFields, formNotes } from './check-in-card';
import { card, execute, facts, heading, localDateTime, longDate, note, priorityName, ragBadge, type Card, type Element } from './elements';
import { EDIT_VERB } from './receipt-card';

export const PROJECTS_SUBMIT_VERB = 'projects.submit';
export const PROJECTS_OPEN_VERB = 'projects.open';
/** "Start from last answer" on one section: the card again, that section filled. */
export const PROJECTS_FROM_LAST_VERB = 'projects.fromLast';

/** Input ids of section `i`: short, and never a prefix of another section's. */
export const sectionPrefix = (i: number) => `p${i}_`;

/**
 * The projects a lead answers in one workstream, a section each, submitted at once: the monitoring
 * template's row per project (KPIs, update, next steps, PLUS groups, risks, RAG for the period).
 */
export function projectCheckInCard(view: ProjectCheckInForm): Card {
  const { workstream, period, sections } = view;
  const first = sections[0];
  // What every button of the card sends: which workstream, and each section's project and prefix.
  const cardData = {
    workstream: priorityRef(workstream),
    sections: sections.map((s, i) => ({ priority: priorityRef(s.priority), period: s.period.label, baseVersion: s.baseVersion, submissionId: s.submissionId, prefix: sectionPrefix(i) })),
  };
  const body: Element[] = [
    heading(`Project check-in for ${period.label}`, 'Large'),
    note(`${workstream.number}. ${workstream.title}`, { weight: 'Bolder' }),
    facts([
      ['Strategy', view.strategy.title],
      ['Period', `${longDate(period.start)} to ${longDate(period.end)}`],
      ['Due', longDate(period.due)],
      ['Open until', editableUntil(period)],
      ['Answering as', first ? (first.onBehalfOf ? `${first.answeringAs}, on behalf of ${first.onBehalfOf}` : first.answeringAs) : undefined],
    ]),
    note(
      sections.length === 1
        ? 'One project: its answer is saved when you submit. It needs a rating and a progress update.'
        : `${sections.length} projects, a section each. Answer the ones you have news of: each section you fill in needs a rating and a progress update and is saved as its own answer; a section left blank is not answered yet.`,
      { isSubtle: true, size: 'Small' },
    ),
    ...(view.notice ? [{ type: 'Container' as const, style: 'attention' as const, items: [note(view.notice, { weight: 'Bolder' })] }] : []),
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
        ...checkInFields(s, {
          prefix: sectionPrefix(i),
          // A blank section is a project not answered: the client must let it through.
          required: false,
          // It sends the card's inputs, so what is typed in the other sections stays.
          fromLast: execute('Start from last answer', PROJECTS_FROM_LAST_VERB, { ...cardData, section: i }, { associatedInputs: 'auto' }),
        }),
      ],
    });
  });
  return card(body, [
    execute(sections.length === 1 ? 'Submit project check-in' : 'Submit the projects you answered', PROJECTS_SUBMIT_VERB, cardData, { style: 'positive', associatedInputs: 'auto' }),
  ]);
}

/** Replaces the projects' card once the sections answered are saved: which were saved, which are still open, a receipt line each. */
export function projectReceiptCard(result: Extract<ProjectSubmitResult, { kind: 'receipts' }>, timeZone: string): Card {
  const body: Element[] = [
    heading(`✔ ${result.receipts.length === 1 ? 'Project check-in' : `${result.receipts.length} project check-ins`} received for ${result.period.label}`, 'Large'),
    note(`${result.workstream.number}. ${result.workstream.title}`, { weight: 'Bolder' }),
    facts([
      ['Saved', result.receipts.map((r) => r.priority.title).join('; ')],
      ['Still open', result.stillOpen.length ? result.stillOpen.join('; ') : undefined],
      ['Answered before, unchanged', result.unchanged.length ? result.unchanged.join('; ') : undefined],
    ]),
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
          ['Editable until', r.canEdit ? editableUntil(r.period) : undefined],
        ]),
        ...(r.canEdit ? [{ type: 'ActionSet' as const, actions: [execute(`Edit ${r.priority.title.length > 40 ? 'this project' : r.priority.title}`, EDIT_VERB, { priority: priorityRef(r.priority), period: r.period.label })] }] : []),
      ],
    });
  }
  if (result.stillOpen.length > 0) {
    const them = result.stillOpen.length === 1 ? 'it' : 'them';
    body.push({ type: 'Container', separator: true, items: [note(`Still open for ${result.period.label} (left blank, so not answered yet): ${result.stillOpen.join('; ')}. Type "projects ${result.workstream.number}" for a card to answer ${them}.`, { isSubtle: true })] });
  }
  return card(body);
}
