import { PEOPLE_CANCEL_VERB, PEOPLE_CHANGE_VERB, PEOPLE_EDIT_VERB, PEOPLE_RETIRE_ASK_VERB, PEOPLE_RETIRE_VERB, PEOPLE_SHOW_VERB } from '../../cards/people-card';
import { onPeopleCancel, onPeopleChange, onPeopleCommand, onPeopleEdit, onPeopleHistoryCommand, onPeopleShortcut, onPeopleShow, onRetire, onRetireAsk, onRetireCommand } from '../handlers/people-commands';
import type { RouteFamily } from './route';

/** Board managers keeping the board's people current: the people card, its changes, shortcuts and their history. */
export const peopleRoutes: RouteFamily<'people' | 'history-people' | 'people-change' | 'retire'> = {
  commands: {
    people: (context, deps, c) => onPeopleCommand(context, deps, c.query),
    'history-people': (context, deps, c) => onPeopleHistoryCommand(context, deps, c.board),
    'people-change': (context, deps, c) => onPeopleShortcut(context, deps, c),
    retire: (context, deps, c) => onRetireCommand(context, deps, c.person),
  },
  cardActions: {
    [PEOPLE_EDIT_VERB]: (context, deps, data) => onPeopleEdit(context, deps, data),
    [PEOPLE_CHANGE_VERB]: (context, deps, data) => onPeopleChange(context, deps, data),
    [PEOPLE_CANCEL_VERB]: () => onPeopleCancel(),
    [PEOPLE_RETIRE_ASK_VERB]: (context, deps, data) => onRetireAsk(context, deps, data),
    [PEOPLE_RETIRE_VERB]: (context, deps, data) => onRetire(context, deps, data),
    [PEOPLE_SHOW_VERB]: (context, deps, data) => onPeopleShow(context, deps, data),
  },
};
