import { DomainError } from '../domain/errors';

/** Connection-level failures that mean "storage did not answer", as Node and the Azure SDK name them. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);

/**
 * Whether an error from the Tables SDK means storage is unavailable (5xx, or no answer at all),
 * as opposed to an answer the adapter means to handle (404, 409, 412) or a bug.
 */
export function isStorageOutage(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || e instanceof DomainError) return false;
  const { statusCode, code, name } = e as { statusCode?: number; code?: string; name?: string };
  if (typeof statusCode === 'number') return statusCode >= 500;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  return name === 'AbortError';
}

/**
 * Wraps a storage port so that an outage surfaces as the domain's STORAGE_UNAVAILABLE (which the
 * bot turns into "nothing was saved, try again"), keeping the cause for the log. Every other
 * error passes through unchanged.
 */
export function withStorageErrors<T extends object>(port: T, name: string): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((e: unknown) => {
          if (!isStorageOutage(e)) throw e;
          const err = e as { statusCode?: number; code?: string; message?: string };
          throw new DomainError('STORAGE_UNAVAILABLE', `${name}.${String(prop)}: ${err.statusCode ?? err.code ?? ''} ${err.message ?? ''}`.trim(), {}, { cause: e });
        });
      };
    },
  });
}
