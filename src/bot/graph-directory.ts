import type { TokenCredential } from '@azure/identity';
import type { Directory, DirectoryLookup } from '../domain/ports';

/**
 * The organisation's directory through Microsoft Graph: who the Entra object id that Teams' people
 * picker sends is (`GET /users/{id}?$select=…`). Needs the application permission User.Read.All
 * (admin consent). It answers while a card action waits for it (Teams gives an invoke about 5 s),
 * so its retries are bounded in number and in the time they may wait: a 429 whose Retry-After
 * would overrun the budget is given up at once, with when to try again.
 */
export interface GraphDirectoryOptions {
  credential: TokenCredential;
  /** https://graph.microsoft.com/v1.0 unless a test points it at a stand-in. */
  baseUrl?: string;
  /** How to wait between attempts (tests pass one that records and returns at once). */
  wait?: (ms: number) => Promise<void>;
  /** Requests in all, the first included (429, 5xx and network failures are tried again). */
  maxAttempts?: number;
  /** The most the retries may wait in all, in ms. */
  waitBudgetMs?: number;
  /** How long one request may take, in ms. */
  requestTimeoutMs?: number;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const SELECT = 'id,displayName,mail,userPrincipalName,companyName,department';

/** Graph's answer to a user by id: the selected fields, null where the directory has nothing. */
interface GraphUser {
  id?: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  companyName?: string | null;
  department?: string | null;
}

function jsonOf(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON (a proxy's error page): read as no body.
    return undefined;
  }
}

const present = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export class GraphDirectory implements Directory {
  private readonly baseUrl: string;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphDirectoryOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/$/, '');
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async findUser(aadObjectId: string): Promise<DirectoryLookup> {
    const attempts = this.options.maxAttempts ?? 3;
    let budget = this.options.waitBudgetMs ?? 2_000;
    let retryAfterSeconds: number | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.get(`/users/${encodeURIComponent(aadObjectId)}?$select=${SELECT}`);
      if (answer.kind !== 'retry') return answer;
      retryAfterSeconds = answer.retryAfterSeconds;
      // A 5xx with no Retry-After: a short backoff (250 ms, then 500 ms).
      const pause = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 250 * 2 ** (attempt - 1);
      if (attempt >= attempts || pause > budget) return { kind: 'unavailable', ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
      budget -= pause;
      await this.wait(pause);
    }
  }

  private async get(path: string): Promise<DirectoryLookup | { kind: 'retry'; retryAfterSeconds?: number }> {
    let token: string | undefined;
    try {
      token = (await this.options.credential.getToken(GRAPH_SCOPE))?.token;
    } catch (e) {
      return { kind: 'refused', reason: `no Graph token for the bot identity (${e instanceof Error ? e.message : String(e)})` };
    }
    if (!token) return { kind: 'refused', reason: 'no Graph token for the bot identity' };
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 2_500) });
    } catch (e) {
      // Timed out: no time is left to try again within the card's answer.
      if (e instanceof DOMException && e.name === 'TimeoutError') return { kind: 'unavailable' };
      return { kind: 'retry' };
    }
    const body = jsonOf(await res.text());
    if (res.status === 200) {
      const u = (body ?? {}) as GraphUser;
      const id = present(u.id);
      if (!id) return { kind: 'missing' };
      const [displayName, mail, userPrincipalName, companyName, department] = [present(u.displayName), present(u.mail), present(u.userPrincipalName), present(u.companyName), present(u.department)];
      return { kind: 'found', user: { aadObjectId: id, ...(displayName ? { displayName } : {}), ...(mail ? { mail } : {}), ...(userPrincipalName ? { userPrincipalName } : {}), ...(companyName ? { companyName } : {}), ...(department ? { department } : {}) } };
    }
    // Graph answers 404 for an id it has nobody for, and 400 for one that is no object id at all.
    if (res.status === 404 || res.status === 400) return { kind: 'missing' };
    if (res.status === 429 || res.status >= 500) {
      const seconds = Number(res.headers.get('retry-after'));
      return { kind: 'retry', ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterSeconds: Math.ceil(seconds) } : {}) };
    }
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
    return {
      kind: 'refused',
      reason: res.status === 403 ? `Graph refused (403): admin consent for User.Read.All is missing${message ? ` (${message})` : ''}` : `Graph answered ${res.status}${message ? ` (${message})` : ''}`,
    };
  }
}
