import type { CheckInForm } from '../domain/notice';
import { INPUT_IDS, TEXT_LIMITS, TICKED } from '../domain/check-in';
import { RAG_DEFINITIONS, RAG_LABELS, RAG_SYMBOLS, RAGS } from '../domain/rag';
import { cutAtWord, editableUntil } from '../domain/wording';
import { priorityRef } from '../domain/strategy';
import type { ExecuteAction, TextInput } from './adaptive-card';
import { card, cardMarkdown, execute, facts, heading, longDate, note, priorityName, userText, type Card, type Element } from './elements';

export const SUBMIT_VERB = 'checkin.submit';
/** "Start from last answer": the card again with its inputs filled from the latest earlier answer. */
export const FROM_LAST_VERB = 'checkin.fromLast';

/** How much of last period's update the card shows above the inputs ("Start from last answer" brings it all). */
const LAST_ANSWER_SHOWN = 300;

/**
 * A field's error text has the field's id plus this suffix, so the web page can tie it to the
 * field (aria-describedby) instead of leaving it as loose text after it.
 */
export const ERROR_ID_SUFFIX = '-error';
/**
 * The ids of the form's banners (nothing saved; changed meanwhile), after the section's prefix:
 * the web page moves focus to the first one on the card.
 */
export const NOTICE_IDS = ['form-errors', 'form-changed'] as const;

function errorFor(view: CheckInForm, name: string, inputId = name): Element[] {
  const message = view.errors[name];
  return message ? [{ type: 'TextBlock', id: `${inputId}${ERROR_ID_SUFFIX}`, text: cardMarkdown(message), color: 'Attention', wrap: true, spacing: 'None', size: 'Small' }] : [];
}

/** An input's settings beyond its id, label and length. */
type InputOptions = Partial<Omit<TextInput, 'type'>>;

function textInput(view: CheckInForm, id: string, label: string, max: number, extra: InputOptions = {}): Element[] {
  const input: TextInput = { type: 'Input.Text', id, label, isMultiline: true, maxLength: max, value: view.values[id] ?? '', ...extra };
  return [input, ...errorFor(view, id)];
}

function kpiHint(kpi: CheckInForm['priority']['kpis'][number]): string {
  const parts = [`Baseline ${kpi.baseline.period}: ${kpi.baseline.value} ${kpi.unit}`];
  if (kpi.target) parts.push(`target ${kpi.target.value} ${kpi.unit}${kpi.target.by ? ` by ${kpi.target.by}` : ''}${kpi.target.source ? ` (${kpi.target.source})` : ''}`);
  parts.push(kpi.polarity === 'low-is-good' ? 'lower is better' : 'higher is better');
  return parts.join('; ');
}

/** What the form's own state says before its inputs: editing, changed meanwhile, how many fields to fix. */
function formNotes(view: CheckInForm, prefix = ''): Element[] {
  const body: Element[] = [];
  if (view.editing) body.push(note(`You are editing the answer given by ${view.editing.submittedByName} (version ${view.editing.version}). The previous version is kept.`, { isSubtle: true, size: 'Small' }));
  if (view.changedBy) {
    const at = view.changedBy.at.slice(0, 16).replace('T', ' ');
    body.push({ type: 'Container', id: `${prefix}${NOTICE_IDS[1]}`, style: 'warning', items: [note(`This answer was changed by ${view.changedBy.name} at ${at} UTC after you opened the card. The card now shows the latest answer: make your changes again and submit.`)] });
  }
  const errorCount = Object.keys(view.errors).length;
  if (errorCount > 0) {
    body.push({ type: 'Container', id: `${prefix}${NOTICE_IDS[0]}`, style: 'attention', items: [note(`Nothing was saved: ${errorCount === 1 ? 'one answer needs' : `${errorCount} answers need`} fixing (marked below).`, { weight: 'Bolder' })] });
  }
  return body;
}

/** A workstream's projects beside each other, as their leads answered this period. */
function projectLines(view: CheckInForm): Element[] {
  if (!view.projects?.length) return [];
  const missing = view.projects.filter((p) => !p.answered).length;
  return [
    heading(`Projects this period (${view.projects.length - missing} of ${view.projects.length} answered)`),
    facts(view.projects.map((p) => [p.title, `${p.answered ? (p.rag ? `${RAG_SYMBOLS[p.rag]} ${RAG_LABELS[p.rag]}` : 'answered, no rating') : 'not yet reported'} · ${p.lead}`])),
  ];
}

/**
 * Last period's answer above the inputs, labelled with its period, and the button that fills the
 * inputs from it (a card refresh from the bot: no script runs in a card). Not shown when editing
 * this period's answer: the inputs hold that answer.
 */
function lastAnswer(view: CheckInForm, fromLast: ExecuteAction | undefined): Element[] {
  const last = view.lastAnswer;
  if (!last || view.editing) return [];
  const rating = last.rag ? RAG_LABELS[last.rag] : 'No rating';
  return [
    {
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [
        note(`Last answer, ${last.period}: ${rating}${last.noChange ? ' (no change since the period before)' : ''}`, { weight: 'Bolder' }),
        userText(cutAtWord(last.update, LAST_ANSWER_SHOWN), { spacing: 'Small' }),
        note('The inputs below start empty: this period\'s answer is new. To reuse the last one, start from it and change what has changed.', { isSubtle: true, size: 'Small' }),
        ...(fromLast ? [{ type: 'ActionSet' as const, actions: [fromLast] }] : []),
      ],
    },
  ];
}

/** What a card passes to `checkInFields` beyond the form. */
export interface FieldOptions {
  /** Keeps input ids apart when one card holds several projects' sections. */
  prefix?: string;
  /**
   * Whether the client requires a rating and an update before sending. Not on a projects' card:
   * a section left blank is a project not answered, and the bot checks a started section whole.
   */
  required?: boolean;
  /** The "Start from last answer" button, when the form has a last answer. */
  fromLast?: ExecuteAction;
}

/**
 * The inputs of one check-in: RAG with the board's definitions, the monitoring template's fields,
 * one input per KPI; last period's answer above them.
 */
export function checkInFields(view: CheckInForm, options: FieldOptions = {}): Element[] {
  const { priority, period } = view;
  const prefix = options.prefix ?? '';
  const required = options.required ?? true;
  const mustHave = (message: string) => (required ? { isRequired: true, errorMessage: message } : {});
  const id = (name: string) => `${prefix}${name}`;
  const err = (name: string) => errorFor(view, name, id(name));
  const text = (name: string, label: string, max: number, extra: InputOptions = {}) => textInput(view, name, label, max, extra).map((e) => (e.type === 'Input.Text' ? { ...e, id: id(name) } : { ...e, id: `${id(name)}${ERROR_ID_SUFFIX}` }));
  const from = view.projects?.some((p) => p.rag) ? 'The projects suggest' : 'The KPIs suggest';
  const body: Element[] = [
    ...lastAnswer(view, options.fromLast),
    {
      type: 'Input.ChoiceSet',
      id: id(INPUT_IDS.rag),
      label: `RAG rating for ${period.label}`,
      ...mustHave('Choose Red, Amber or Green.'),
      style: 'expanded',
      wrap: true,
      value: view.values[INPUT_IDS.rag] ?? '',
      choices: RAGS.map((rag) => ({ title: `${RAG_SYMBOLS[rag]} ${RAG_LABELS[rag]}: ${RAG_DEFINITIONS[rag]}`, value: rag })),
    },
    ...err(INPUT_IDS.rag),
    ...(view.suggestion
      ? [
          note(`${from} ${RAG_SYMBOLS[view.suggestion.rag]} ${RAG_LABELS[view.suggestion.rag]}: ${view.suggestion.reasons.join('; ')}.`, { isSubtle: true, size: 'Small' }),
          ...text(INPUT_IDS.ragReason, 'If you choose a different rating, why? (one line)', TEXT_LIMITS.ragReason, { isMultiline: false }),
        ]
      : []),
    ...text(INPUT_IDS.update, 'Progress update (what was done this period)', TEXT_LIMITS.update, mustHave('Write a progress update.')),
    ...noChange(view, id(INPUT_IDS.noChange)),
    ...text(INPUT_IDS.nextSteps, 'Next steps', TEXT_LIMITS.nextSteps),
    ...text(INPUT_IDS.risks, 'Risks and mitigations', TEXT_LIMITS.risks),
  ];
  if (view.plusGroups.length > 0) {
    body.push(heading('Impact on PLUS groups'), note('Optional: what this period meant for each group.', { isSubtle: true, size: 'Small', spacing: 'None' }));
    for (const g of view.plusGroups) body.push(...text(INPUT_IDS.plusGroup(g.key), g.name, TEXT_LIMITS.plusGroup));
  }
  if (priority.kpis.length > 0) {
    body.push(heading('KPI readings'), note('Optional: the latest value for each indicator. Numbers only.', { isSubtle: true, size: 'Small', spacing: 'None' }));
    for (const kpi of priority.kpis) {
      const key = INPUT_IDS.kpi(kpi.key);
      body.push(
        { type: 'Input.Text', id: id(key), label: `${kpi.name} (${kpi.unit})`, value: view.values[key] ?? '', maxLength: 30, regex: '^\\s*-?[0-9][0-9,]*(\\.[0-9]+)?\\s*%?\\s*$', errorMessage: 'Enter a number, like 12.5.' },
        note(kpiHint(kpi), { isSubtle: true, size: 'Small', spacing: 'None' }),
        ...err(key),
      );
    }
  }
  body.push(...text(INPUT_IDS.escalation, 'Point for escalation to the board (optional)', TEXT_LIMITS.escalation));
  return body;
}

/** "No change since last period": beside a last answer only, for an update that repeats it word for word. */
function noChange(view: CheckInForm, id: string): Element[] {
  const last = view.lastAnswer;
  if (!last) return [];
  return [
    { type: 'Input.Toggle', id, title: `No change since last period (${last.period})`, valueOn: TICKED, valueOff: 'false', value: view.values[INPUT_IDS.noChange] === TICKED ? TICKED : 'false', wrap: true },
    ...errorFor(view, INPUT_IDS.noChange),
  ];
}

/** The check-in card for one priority (or one project). */
export function checkInCard(view: CheckInForm): Card {
  const { priority, period } = view;
  const body: Element[] = [
    heading(`Check-in for ${period.label}`, 'Large'),
    note(priorityName(priority), { weight: 'Bolder' }),
    facts([
      ['Strategy', view.strategy.title],
      ['Period', `${longDate(period.start)} to ${longDate(period.end)}`],
      ['Due', longDate(period.due)],
      ['Open until', editableUntil(period)],
      ['Answering as', view.onBehalfOf ? `${view.answeringAs}, on behalf of ${view.onBehalfOf}` : view.answeringAs],
    ]),
    ...formNotes(view),
    ...projectLines(view),
    ...checkInFields(view, {
      // It replaces the inputs, so it sends none (and so is not stopped by the required ones).
      fromLast: execute('Start from last answer', FROM_LAST_VERB, { priority: priorityRef(priority), period: period.label, submissionId: view.submissionId }, { associatedInputs: 'none' }),
    }),
  ];
  return card(body, [
    execute(view.editing ? 'Save changes' : 'Submit check-in', SUBMIT_VERB, {
      priority: priorityRef(priority),
      period: period.label,
      baseVersion: view.baseVersion,
      submissionId: view.submissionId,
    }, { style: 'positive', associatedInputs: 'auto' }),
  ]);
}

export { formNotes };
