import { CardFactory, type TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/help-card';
import { messageCard } from '../../cards/message-card';

export async function onHelpCommand(context: TurnContext, unknown?: string): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard(unknown))] });
}

/** A command without its object ("status"): ask for it with an example, not the whole help. */
export async function onWhatCommand(context: TurnContext, command: string, example: string, thing = 'priority'): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(messageCard(`${command} what?`, `Say which ${thing}, e.g. "${example}": ${thing === 'person' ? 'their name or email address' : 'a number or words from its title'}.`, 'default'))] });
}
