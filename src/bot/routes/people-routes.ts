import { PEOPLE_CANCEL_VERB, PEOPLE_CHANGE_VERB, PEOPLE_EDIT_VERB } from '../../cards/people-card';
import { onPeopleCancel, onPeopleChange, onPeopleCommand, onPeopleEdit, onPeopleHistoryCommand, onPeopleShortcut } from '../handlers/people-commands';
import type { RouteFamily } from './route';

/** Board managers keeping the board's people current: the people card, its changes, shortcuts and their history. */
export const peopleRoutes: RouteFamily<'people' | 'history-people' | 'people-change'> = {
  commands: {
    people: (context, deps, c) => onPeopleCommand(context, deps, c.query),
    'history-people': (context, deps, c) => onPeopleHistoryCommand(context, deps, c.board),
    'people-change': (context, deps, c) => onPeopleShortcut(context, deps, c),
  },
  cardActions: {
    [PEOPLE_EDIT_VERB]: (context, deps, data) => onPeopleEdit(context, deps, data),
    [PEOPLE_CHANGE_VERB]: (context, deps, data) => onPeopleChange(context, deps, data),
    [PEOPLE_CANCEL_VERB]: () => onPeopleCancel(),
  },
};
