import { CardFactory, TeamsInfo, type TurnContext } from 'botbuilder';
import { clearAway, setAway } from '../../app/cover';
import type { AppDeps } from '../../app/deps';
import { messageCard } from '../../cards/message-card';
import { longDate } from '../../cards/elements';
import type { Identity } from '../../domain/person';
import { sender } from './sender';

/** The first person @mentioned other than the bot, as an identity the people list can match. */
async function mentionedPerson(context: TurnContext): Promise<Identity | undefined> {
  const botId = context.activity.recipient?.id;
  const mention = (context.activity.entities ?? []).find((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id !== botId) as { mentioned?: { id: string; name?: string } } | undefined;
  if (!mention?.mentioned) return undefined;
  try {
    const member = await TeamsInfo.getMember(context, mention.mentioned.id);
    return { ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}), ...(member.email ? { email: member.email } : {}), name: member.name };
  } catch {
    return { name: mention.mentioned.name ?? '' };
  }
}

/** `away until <date> [@deputy or name]`. */
export async function onAwayCommand(context: TurnContext, deps: AppDeps, until: string, deputyText: string): Promise<void> {
  const mentioned = await mentionedPerson(context);
  const name = deputyText.replace(/<at>(.*?)<\/at>/gi, '$1').trim();
  const view = await setAway(deps, await sender(context, deps), until, { ...(mentioned ? { identity: mentioned } : {}), ...(name ? { name } : {}) });
  const who = view.deputy ? view.deputy.name : "each priority's deputy";
  const what = view.priorities.length ? ` Reminders for ${view.priorities.join('; ')} go to ${who}, who can answer on your behalf.` : ' You do not lead a priority, so no reminders move.';
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(messageCard(`Away until ${longDate(view.until)}`, `Noted.${what} Type "back" if you return early.`, 'default'))] });
}

export async function onBackCommand(context: TurnContext, deps: AppDeps): Promise<void> {
  const person = await clearAway(deps, await sender(context, deps));
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(messageCard(`Welcome back, ${person.name}`, 'Your reminders come to you again.', 'default'))] });
}
