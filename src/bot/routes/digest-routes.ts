import { USE_CHANNEL_VERB } from '../../cards/board-channel-card';
import { onDigestNowCommand } from '../handlers/digest-now-command';
import { onUseChannelAction } from '../handlers/use-channel-action';
import { onUseChannelCommand } from '../handlers/use-channel-command';
import type { RouteFamily } from './route';

/** The escalation digest: sent now, and the board channel it goes to. */
export const digestRoutes: RouteFamily<'digest-now' | 'use-channel'> = {
  commands: {
    'digest-now': (context, deps, c) => onDigestNowCommand(context, deps, c.board),
    'use-channel': (context, deps, c) => onUseChannelCommand(context, deps, c.board),
  },
  cardActions: {
    [USE_CHANNEL_VERB]: onUseChannelAction,
  },
};
