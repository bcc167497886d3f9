import { CALENDAR_SAVE_VERB } from '../../cards/calendar-card';
import { onCalendarCommand, onSaveCalendar } from '../handlers/calendar-command';
import type { RouteFamily } from './route';

/** Board managers keeping the board's calendar current: the calendar card and its Save. */
export const calendarRoutes: RouteFamily<'calendar'> = {
  commands: {
    calendar: (context, deps, c) => onCalendarCommand(context, deps, c.board),
  },
  cardActions: {
    [CALENDAR_SAVE_VERB]: (context, deps, data) => onSaveCalendar(context, deps, data),
  },
};
