import { HISTORY_MORE_VERB } from '../../cards/history-card';
import { LIST_MORE_VERB } from '../../cards/list-card';
import { STATUS_VERB } from '../../cards/status-card';
import { onBoardCommand } from '../handlers/board-command';
import { onHistoryCommand, onListMore, onReasonListCommand } from '../handlers/board-view-commands';
import { onHistoryMore, onShowStatus } from '../handlers/card-actions';
import { onMonitoringCommand } from '../handlers/monitoring-command';
import { onReportCommand } from '../handlers/report-command';
import { onStatusCommand } from '../handlers/status-command';
import { onSummaryCommand } from '../handlers/summary-command';
import type { RouteFamily } from './route';

/** What the board sees: a priority's status and history, the lists, the monitoring sheet, the summary, the report, the board's page. */
export const boardViewRoutes: RouteFamily<'status' | 'monitoring' | 'summary' | 'overdue' | 'red' | 'history' | 'report' | 'board'> = {
  commands: {
    status: (context, deps, c) => onStatusCommand(context, deps, c.query),
    monitoring: (context, deps, c) => onMonitoringCommand(context, deps, c.query),
    summary: (context, deps, c) => onSummaryCommand(context, deps, c.query),
    overdue: (context, deps, c) => onReasonListCommand(context, deps, c.name, c.board),
    red: (context, deps, c) => onReasonListCommand(context, deps, c.name, c.board),
    history: (context, deps, c) => onHistoryCommand(context, deps, c.query, c.from, c.to),
    report: (context, deps, c) => onReportCommand(context, deps, c.query),
    board: (context, deps, c) => onBoardCommand(context, deps, c.query),
  },
  cardActions: {
    [STATUS_VERB]: onShowStatus,
    [HISTORY_MORE_VERB]: onHistoryMore,
    [LIST_MORE_VERB]: onListMore,
  },
};
