import { main } from '../../src/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * The one way tests run the command line: its `main`, in this process, with `env` set for the
 * call; what it prints and its exit code. (A spawned `hwb-bot` pays ~4 s of TypeScript start-up;
 * test/cli/cli.test.ts still runs the real binary once.)
 */
export async function runCli(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  const [log, error, write] = [console.log, console.error, process.stdout.write];
  console.log = (...a: unknown[]) => void (out += `${a.map(String).join(' ')}\n`);
  console.error = (...a: unknown[]) => void (err += `${a.map(String).join(' ')}\n`);
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    [console.log, console.error, process.stdout.write] = [log, error, write];
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
