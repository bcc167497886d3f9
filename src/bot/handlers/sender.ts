import type { TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps';
import { identify } from '../../app/people';
import type { Identity } from '../../domain/person';
import { senderIdentity, withEmail } from '../identity';

/**
 * The sender's identity, resolved once per turn: the connector is asked for an email only when
 * the object id matches nobody, and the person found travels with the identity to the use case.
 */
export async function sender(context: TurnContext, deps: AppDeps): Promise<Identity> {
  const who = senderIdentity(context);
  const byId = who.aadObjectId ? await identify(deps, who) : undefined;
  if (byId) return { ...who, known: byId };
  const withMail = await withEmail(context, who);
  const person = await identify(deps, withMail);
  return person ? { ...withMail, known: person } : withMail;
}
