/**
 * Races `work` against a deadline: past `ms`, the answer is `onTimeout()` (which may throw) and
 * the work goes on unobserved, except that a later failure is handed to `onLateFailure`.
 * The one timeout helper of the Teams adapter (invoke answers, health probes).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T, onLateFailure: (e: unknown) => void = () => {}): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      late = true;
      try {
        resolve(onTimeout());
      } catch (e) {
        reject(e);
      }
    }, ms);
  });
  work.catch((e: unknown) => {
    if (late) onLateFailure(e);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
