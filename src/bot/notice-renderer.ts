import type { Notice } from '../domain/notice';
import { checkInCard } from '../cards/check-in-card';
import { projectCheckInCard } from '../cards/project-check-in-card';
import { digestCard } from '../cards/digest-card';
import type { Card } from '../cards/elements';
import { messageCard } from '../cards/message-card';
import { welcomeCard } from '../cards/welcome-card';
import { managersOverdueCard, managersReassignCard, managersUnreachableCard, reminderText } from '../cards/notice-cards';

/** How a notice looks in Teams: a line of text above a card, or a card alone. */
export function renderNotice(notice: Notice): { text?: string; card: Card } {
  switch (notice.kind) {
    case 'reminder':
    case 'nudge':
    case 'due-today':
    case 'overdue':
      // Several projects: the one card with a section each, as `projects` gives it.
      if (notice.projects) {
        return {
          text: reminderText(notice.kind, notice.priority, notice.period.label, notice.period.due, notice.forLead, notice.projects.length),
          card: projectCheckInCard({ strategy: notice.form.strategy, workstream: notice.priority, period: notice.period, sections: notice.projects.map((p) => p.form) }),
        };
      }
      return { text: reminderText(notice.kind, notice.priority, notice.period.label, notice.period.due, notice.forLead), card: checkInCard(notice.form) };
    case 'managers-overdue':
      return {
        card: managersOverdueCard(
          notice.priority,
          notice.period.label,
          notice.period.due,
          notice.daysOverdue,
          notice.leadNames.join(', ') || 'no lead named',
          notice.away ? `${notice.away.name} is away until ${notice.away.until}.` : undefined,
          notice.projects,
        ),
      };
    case 'board-channel':
      return { card: messageCard(notice.moved ? 'Digest channel moved' : 'Digest channel set', `${notice.by} ${notice.moved ? 'moved' : 'set'} the escalation digest of ${notice.board} to a new channel. If that was not agreed, a board manager can type "use this channel for digests" in the right channel.`, 'default') };
    case 'managers-unreachable':
      return { card: managersUnreachableCard(notice.person, notice.priorities, notice.period.label, notice.period.due, notice.reasons) };
    case 'managers-reassign':
      return { card: managersReassignCard(notice) };
    case 'digest':
      return { card: digestCard(notice.digest) };
    case 'welcome':
      return { card: welcomeCard({ person: notice.to, leads: notice.leads, deputises: notice.deputises, assigned: notice.assigned }) };
  }
}
