import { CardFactory, type TurnContext } from 'botbuilder';
import { helpCard } from '../cards/help-card';

export async function onHelpCommand(context: TurnContext, unknown?: string): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard(unknown))] });
}
