import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The bot as `npm start` runs it, in its own process (through tsx, so no build is needed),
 * with its own embedded Azurite. Resolves once it logs that it is ready.
 */
export class BotProcess {
  private child: ChildProcess | undefined;
  output = '';
  url = '';
  exitCode: number | null = null;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** `entry`: node's arguments; by default src/index.ts through tsx (see bundled-bot.ts for a faster start). */
  constructor(
    private readonly env: Record<string, string>,
    private readonly entry: string[] = ['--require', 'tsx/cjs', join(ROOT, 'src', 'index.ts')],
  ) {}

  start(timeoutMs = 30_000): Promise<this> {
    this.child = spawn(process.execPath, this.entry, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => this.child!.once('exit', (code) => resolve(code)));
    exited.then((code) => (this.exitCode = code)).catch(() => undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const m = /HWB Progress Bot: (http:\/\/[^/\s]+)\/api\/messages/.exec(this.output);
        if (m && !this.url) {
          this.url = m[1]!;
          clearTimeout(timer);
          resolve(this);
        }
      };
      this.child!.stdout!.on('data', onData);
      this.child!.stderr!.on('data', onData);
      void exited.then((code) => {
        clearTimeout(timer);
        if (!this.url) reject(new Error(`exited with ${code} before ready:\n${this.output}`));
      });
    });
  }

  /** Sends a signal without waiting for the exit. */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Resolves once the output (stdout and stderr) matches `pattern`. */
  printed(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!pattern.test(this.output)) return;
        this.child?.stdout?.off('data', check);
        this.child?.stderr?.off('data', check);
        resolve();
      };
      this.child?.stdout?.on('data', check);
      this.child?.stderr?.on('data', check);
      check();
    });
  }

  /** Exits by itself (e.g. refused configuration): resolves with the exit code. */
  async run(timeoutMs = 30_000): Promise<number | null> {
    await this.start(timeoutMs).catch(() => undefined);
    return this.waitForExit(timeoutMs);
  }

  async stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 15_000): Promise<number | null> {
    if (!this.child || this.exitCode !== null) return this.exitCode;
    this.child.kill(signal);
    return this.waitForExit(timeoutMs);
  }

  private waitForExit(timeoutMs: number): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(this.child?.exitCode ?? null);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.child?.kill('SIGKILL');
        resolve(null);
      }, timeoutMs);
      this.child!.once('exit', (code) => {
        clearTimeout(t);
        resolve(code);
      });
    });
  }
}
