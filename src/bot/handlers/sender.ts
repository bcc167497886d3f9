import type { TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { identify } from '../../app/people';
import type { Identity } from '../../domain/person';
import { senderIdentity, withEmail } from '../identity';

/** The sender's identity; the connector is asked for an email only when the object id is unknown. */
export async function sender(context: TurnContext, deps: AppDeps): Promise<Identity> {
  const who = senderIdentity(context);
  if (who.aadObjectId && (await identify(deps, who))) return who;
  return withEmail(context, who);
}
