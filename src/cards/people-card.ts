import type { PeopleHistoryRow, PeopleProposal, PeopleUnitRow, PeopleView } from '../app/board-people';
import type { RetiredRole, RetirementProposal } from '../app/retire-person';
import type { TableCell, TableRow } from './adaptive-card';
import { card, CARD_BYTE_LIMIT, cardBytes, execute, facts, heading, localDateTime, note, plural, type Action, type Card, type Element, type TextOptions } from './elements';

/** Opens the change card (with Teams' people picker) for a board, or one priority of it. */
export const PEOPLE_EDIT_VERB = 'people/edit';
/** Makes a change: from the change card, or the confirmation of a chat shortcut. */
export const PEOPLE_CHANGE_VERB = 'people/change';
export const PEOPLE_CANCEL_VERB = 'people/cancel';
/** Retire on the people card: the retirement's confirmation, nothing written yet. */
export const PEOPLE_RETIRE_ASK_VERB = 'people/retire-ask';
/** Confirm on the retirement's confirmation: written on the versions it carries. */
export const PEOPLE_RETIRE_VERB = 'people/retire';
/** Opens the people card of a board (the managers' request to reassign carries it). */
export const PEOPLE_SHOW_VERB = 'people/show';

/** The hidden list of the card's people, each with Retire; "Retire someone…" shows it. */
const RETIRE_LIST_ID = 'retire-list';

/** Rows before the card says "and N more": keeps it well under Teams' size limit. */
const MAX_ROWS = 45;

const cell = (text: string, extra: TextOptions = {}): TableCell => ({ type: 'TableCell', items: [note(text, { size: 'Small', ...extra })] });

function sourceLine(view: PeopleView, timeZone: string): string {
  if (!view.source) return 'As first imported from seeds/people.json.';
  return view.source.from === 'teams' ? `Kept in Teams since the seed import; last changed ${localDateTime(view.source.at, timeZone)}.` : `As imported from seeds/people.json on ${localDateTime(view.source.at, timeZone)}.`;
}

function peopleTable(rows: readonly PeopleUnitRow[]): Element[] {
  const shown = rows.slice(0, MAX_ROWS);
  const out: Element[] = [
    {
      type: 'Table',
      firstRowAsHeader: true,
      columns: [{ width: 5 }, { width: 3 }, { width: 3 }],
      rows: [
        { type: 'TableRow', cells: [cell('Priority', { weight: 'Bolder' }), cell('Lead', { weight: 'Bolder' }), cell('Deputy', { weight: 'Bolder' })] },
        ...shown.map(
          (r): TableRow => ({
            type: 'TableRow',
            cells: [
              cell(r.project ? `↳ ${r.label}` : r.label),
              r.leads.length > 0 ? cell(r.leads.join(', ')) : r.workstreamAnswers ? cell('Workstream lead answers', { isSubtle: true }) : cell(r.deputies.length > 0 ? 'No lead (deputy asked)' : 'No lead', { color: 'Attention', weight: 'Bolder' }),
              cell(r.deputies.join(', ') || '—', r.deputies.length === 0 ? { isSubtle: true } : {}),
            ],
          }),
        ),
      ],
    },
  ];
  if (rows.length > shown.length) out.push(note(`…and ${rows.length - shown.length} more. Ask for one: "people 19", or the whole list with "hwb-bot export --people".`, { size: 'Small', isSubtle: true }));
  return out;
}

/** `people [board | priority]`: who leads and deputises each priority and project, and who manages the board. */
export function peopleCard(view: PeopleView, timeZone: string, banner?: { title: string; text: string; style: 'good' | 'warning' }): Card {
  const body: Element[] = [];
  if (banner) body.push({ type: 'Container', style: banner.style, items: [heading(banner.title), note(banner.text)] });
  body.push(heading(`People of ${view.board.name}`, 'Large'), note(sourceLine(view, timeZone), { isSubtle: true, spacing: 'None', size: 'Small' }));
  if (!view.focus && view.unled > 0) body.push({ type: 'Container', style: 'warning', items: [note(`${plural(view.unled, 'live priority has', 'live priorities have')} nobody to ask. Give each a lead: "lead <number> <email or name>", or Change below.`, { size: 'Small' })] });
  body.push(...peopleTable(view.rows));
  body.push(heading('Board managers'), note(view.managers.map((m) => (m.organisation ? `${m.name} (${m.organisation})` : m.name)).join(', ') || 'None', { spacing: 'None' }));
  if (view.otherBoards.length > 0) body.push(note(`You also manage ${view.otherBoards.join(' and ')}: "people" and the board's name shows it.`, { isSubtle: true, size: 'Small' }));
  const actions: Action[] = [
    execute(view.focus ? 'Change' : 'Change a lead or deputy', PEOPLE_EDIT_VERB, { board: view.board.key, ...(view.focus ? { unit: view.focus } : {}) }),
    execute('Change managers', PEOPLE_EDIT_VERB, { board: view.board.key, role: 'manager' }),
  ];
  if (view.people.length === 0) return card(body, actions);
  actions.push({ type: 'Action.ToggleVisibility', title: 'Retire someone…', targetElements: [RETIRE_LIST_ID] });
  // A Retire button beside each name; a board with many people gets one list to choose from instead, under Teams' size limit.
  const full = card([...body, retireList(view, 'buttons')], actions);
  return cardBytes(full) <= CARD_BYTE_LIMIT ? full : card([...body, retireList(view, 'choice')], actions);
}

/** People in the retire list's choice (a board with many people); beyond it, the chat shortcut. */
const MAX_RETIRE_CHOICES = 90;

/** Everyone the card names, each with Retire (which asks first): hidden until "Retire someone…". */
function retireList(view: PeopleView, form: 'buttons' | 'choice'): Element {
  const who = (p: PeopleView['people'][number]) => (p.organisation ? `${p.name} (${p.organisation})` : p.name);
  const buttons = view.people.map(
    (p): Element => ({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [note(who(p), { size: 'Small' })] },
        { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [execute('Retire…', PEOPLE_RETIRE_ASK_VERB, { person: p.id }, { tooltip: `Retire ${p.name}` })] }] },
      ],
    }),
  );
  const shown = view.people.slice(0, MAX_RETIRE_CHOICES);
  const choice: Element[] = [
    { type: 'Input.ChoiceSet', id: 'person', label: 'Who', style: 'filtered', placeholder: 'Type a name', choices: shown.map((p) => ({ title: p.name, value: p.id })) },
    ...(view.people.length > shown.length ? [note(`…and ${view.people.length - shown.length} more: type "retire" and their name or email.`, { size: 'Small', isSubtle: true })] : []),
    { type: 'ActionSet', actions: [execute('Retire…', PEOPLE_RETIRE_ASK_VERB, {})] },
  ];
  return {
    type: 'Container',
    id: RETIRE_LIST_ID,
    isVisible: false,
    separator: true,
    items: [
      heading('Retire someone'),
      note('Their leads and deputies on the boards you manage become "No lead" (or whoever else holds them), they stop managing those boards, and the managers are asked to reassign. You see what changes before anything is written.', { size: 'Small', isSubtle: true, spacing: 'None' }),
      ...(form === 'buttons' ? buttons : choice),
    ],
  };
}

/**
 * The change card: what (a priority or project of this board, or its managers), how (make the
 * only one, add, remove) and who: Teams' people picker, or for someone outside the tenant their
 * email, name and organisation. Its board and version travel with the button; rights never do.
 * `directory`: the bot looks a picked person up (Microsoft Graph), so the note says nothing need be typed for them.
 */
export function peopleChangeCard(view: PeopleView, preset: { unit?: string; role?: 'lead' | 'deputy' | 'manager' } = {}, { directory = false }: { directory?: boolean } = {}): Card {
  const body: Element[] = [heading(`Change people of ${view.board.name}`, 'Large')];
  const units = view.rows.map((r) => ({ title: r.project ? `↳ ${r.label}` : r.label, value: r.ref }));
  body.push(
    { type: 'Input.ChoiceSet', id: 'role', label: 'Change', style: 'expanded', value: preset.role ?? 'lead', choices: [{ title: 'a lead', value: 'lead' }, { title: 'a deputy', value: 'deputy' }, { title: 'the board managers', value: 'manager' }], isRequired: true, errorMessage: 'Choose what to change' },
    ...(units.length > 0 ? [{ type: 'Input.ChoiceSet' as const, id: 'unit', label: 'Of priority or project (not needed for managers)', style: 'compact' as const, choices: units, ...(preset.unit ?? view.focus ? { value: preset.unit ?? view.focus } : {}) }] : []),
    { type: 'Input.ChoiceSet', id: 'op', label: 'How', style: 'expanded', value: preset.role === 'manager' ? 'add' : 'set', choices: [{ title: 'Make them the only one (replaces whoever it is now)', value: 'set' }, { title: 'Add them', value: 'add' }, { title: 'Remove them', value: 'remove' }], isRequired: true, errorMessage: 'Choose how' },
    { type: 'Input.ChoiceSet', id: 'person', label: 'Who (search your organisation)', style: 'filtered', placeholder: 'Type a name', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } },
    note(
      directory
        ? 'Someone picked above needs nothing more: their name, email and organisation come from your organisation\'s directory. Someone outside your organisation: their email, name and organisation. They are reminded by email.'
        : 'Someone outside your organisation\'s Teams, or new to the board: their email, name and organisation. They are reminded by email.',
      { size: 'Small', isSubtle: true, spacing: 'Medium' },
    ),
    { type: 'Input.Text', id: 'email', label: 'Email', style: 'email', placeholder: 'kay.darby@example.org', maxLength: 200 },
    { type: 'Input.Text', id: 'name', label: 'Name', placeholder: 'Kay Darby', maxLength: 120 },
    { type: 'Input.Text', id: 'organisation', label: 'Organisation', placeholder: 'NHS Leicester, Leicestershire and Rutland ICB', maxLength: 160 },
  );
  return card(body, [execute('Make the change', PEOPLE_CHANGE_VERB, { board: view.board.key, version: view.version })]);
}

/** A chat shortcut's change in words, to confirm: nothing is written before Confirm. */
export function peopleConfirmCard(p: PeopleProposal): Card {
  const r = p.request;
  const pick = 'personId' in r.person ? { personId: r.person.personId } : 'email' in r.person ? { email: r.person.email } : { aadObjectId: r.person.aadObjectId };
  const verb = r.op === 'remove' ? `Remove ${p.personName} as` : r.op === 'add' ? `Add ${p.personName} as` : `Make ${p.personName} the`;
  const body: Element[] = [
    heading(`${verb} ${p.what}?`),
    facts([
      ['Board', p.board.name],
      ['Before', p.before],
      ['After', p.after],
      ['Email', p.personEmail],
    ]),
  ];
  if (p.newPerson) {
    body.push(
      note(`${p.personName} is new to the board: check their name, and add their organisation. They are reached by email until they open a chat with the bot.`, { size: 'Small', spacing: 'Medium' }),
      { type: 'Input.Text', id: 'name', label: 'Name', value: p.personName, maxLength: 120, isRequired: true, errorMessage: 'Their name' },
      { type: 'Input.Text', id: 'organisation', label: 'Organisation', maxLength: 160 },
    );
  }
  return card(body, [
    execute('Confirm', PEOPLE_CHANGE_VERB, { board: p.board.key, version: r.baseVersion, role: r.role, op: r.op, ...(r.unitRef ? { unit: r.unitRef } : {}), ...pick }),
    execute('Cancel', PEOPLE_CANCEL_VERB, {}),
  ]);
}

/** `history people`: who changed whom, when, from what to what. */
export function peopleHistoryCard(history: { board: { name: string }; rows: readonly PeopleHistoryRow[] }, timeZone: string): Card {
  const body: Element[] = [heading(`Changes to the people of ${history.board.name}`, 'Large')];
  if (history.rows.length === 0) {
    body.push(note('No changes made in Teams yet: the people are as imported from seeds/people.json.'));
    return card(body);
  }
  body.push(note(`The latest ${plural(history.rows.length, 'change', 'changes')}, newest first.`, { isSubtle: true, spacing: 'None', size: 'Small' }));
  for (const r of history.rows) {
    body.push({
      type: 'Container',
      separator: true,
      items: [note(r.what, { weight: 'Bolder', size: 'Small' }), note(`${r.before} → ${r.after}`, { size: 'Small', spacing: 'None' }), note(`${r.by}, ${localDateTime(r.at, timeZone)}`, { isSubtle: true, size: 'Small', spacing: 'None' })],
    });
  }
  return card(body);
}


/** The roles in lines under their board: "• Lead of 19. … → No lead". */
function rolesByBoard(roles: readonly RetiredRole[]): Element[] {
  return [...new Set(roles.map((r) => r.board))].flatMap((board) => [
    note(`On ${board} they stop being (and who is left):`, { spacing: 'Small', size: 'Small', weight: 'Bolder' }),
    ...roles.filter((r) => r.board === board).map((r) => note(`• ${r.what} → ${r.after}`, { size: 'Small', spacing: 'None' })),
  ]);
}

/**
 * What retiring a person would do: the roles that go and who is left holding each ("No lead"
 * where nobody), the boards they stop managing, and what stays on boards the sender does not
 * manage. Confirm carries the boards' versions; nothing is written before it.
 */
export function retireConfirmCard(p: RetirementProposal, banner?: { title: string; text: string }): Card {
  const who = p.person.organisation ? `${p.person.name} (${p.person.organisation})` : p.person.name;
  const body: Element[] = [];
  if (banner) body.push({ type: 'Container', style: 'warning', items: [heading(banner.title), note(banner.text)] });
  body.push(heading(`Retire ${who}?`));
  body.push(...rolesByBoard(p.removed));
  if (p.leaves.length > 0) body.push(note(`They stop managing ${p.leaves.join(' and ')}.`, { spacing: 'Small' }));
  // What stays: roles and management on boards the sender does not manage.
  for (const board of new Set([...p.kept.map((r) => r.board), ...p.stillManages])) {
    body.push(
      note(`Not changed on ${board}: you do not manage it (its managers can retire them there).`, { spacing: 'Medium', size: 'Small', weight: 'Bolder' }),
      ...p.kept.filter((r) => r.board === board).map((r) => note(`• ${r.what}`, { size: 'Small', spacing: 'None' })),
      ...(p.stillManages.includes(board) ? [note('• Manager of the board', { size: 'Small', spacing: 'None' })] : []),
    );
  }
  body.push(
    note(
      p.retiredEverywhere
        ? `With nothing left on any board, ${p.person.name} is marked retired and gets no more reminders. Their past answers and the history keep their name.`
        : `${p.person.name} stays on the other board for what is listed above, and is reminded for that only.`,
      { size: 'Small', spacing: 'Medium', isSubtle: true },
    ),
  );
  if (p.removed.length > 0) body.push(note('Each manager of the board is then asked to reassign what they held.', { size: 'Small', spacing: 'None', isSubtle: true }));
  const versions = Object.fromEntries(p.boards.map((b) => [b.key, b.version]));
  return card(body, [execute('Confirm', PEOPLE_RETIRE_VERB, { person: p.person.id, versions }, { style: 'destructive' }), execute('Cancel', PEOPLE_CANCEL_VERB, {})]);
}

/** The banner of the people card shown after a retirement: what changed, and that the managers were asked. */
export function retiredBanner(p: RetirementProposal): { title: string; text: string; style: 'good' } {
  const unled = p.removed.filter((r) => r.role === 'lead' && r.after === 'No lead').length;
  const what = p.removed.length > 0 ? ` ${plural(p.removed.length, 'role')} removed${unled > 0 ? `, ${unled} now with no lead` : ''}; the managers were asked to reassign.` : '';
  const left = p.leaves.length > 0 ? ` No longer a manager of ${p.leaves.join(' and ')}.` : '';
  return { title: `${p.person.name} retired`, text: `${p.retiredEverywhere ? 'Marked retired: no more reminders.' : 'Retired from the boards you manage.'}${what}${left}`, style: 'good' };
}
