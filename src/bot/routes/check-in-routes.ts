import { FROM_LAST_VERB, SUBMIT_VERB } from '../../cards/check-in-card';
import { PICK_CHECKIN_VERB } from '../../cards/pick-priority-card';
import { PROJECTS_FROM_LAST_VERB, PROJECTS_OPEN_VERB, PROJECTS_SUBMIT_VERB } from '../../cards/project-check-in-card';
import { EDIT_VERB } from '../../cards/receipt-card';
import { onCheckInFromLast, onEditCheckIn, onOpenCheckIn, onOpenProjects, onProjectFromLast, onSubmitCheckIn, onSubmitProjects } from '../handlers/card-actions';
import { onCheckInCommand, onProjectsCommand } from '../handlers/check-in-command';
import type { RouteFamily } from './route';

/** A lead's check-in: a priority's card, a workstream's projects' card, and their buttons. */
export const checkInRoutes: RouteFamily<'checkin' | 'projects'> = {
  commands: {
    checkin: (context, deps, c) => onCheckInCommand(context, deps, c.query),
    projects: (context, deps, c) => onProjectsCommand(context, deps, c.query),
  },
  cardActions: {
    [SUBMIT_VERB]: onSubmitCheckIn,
    [EDIT_VERB]: onEditCheckIn,
    [FROM_LAST_VERB]: onCheckInFromLast,
    [PICK_CHECKIN_VERB]: onOpenCheckIn,
    [PROJECTS_SUBMIT_VERB]: onSubmitProjects,
    [PROJECTS_OPEN_VERB]: onOpenProjects,
    [PROJECTS_FROM_LAST_VERB]: onProjectFromLast,
  },
};
