/**
 * The Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`) as a child process,
 * bound to 127.0.0.1 only. It plays both Teams' web client and the Bot Connector: the bot sends
 * its replies to the playground's serviceUrl, `http://127.0.0.1:<port>/_connector`.
 *
 * The playground itself calls `server.listen(port)` (all interfaces), so it is started with a
 * preload (`scripts/loopback-only.cjs`) that binds every server to 127.0.0.1 and refuses outbound
 * connections to anything but loopback; telemetry is switched off as well.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const PLAYGROUND_CONFIG = join(ROOT, 'scripts', 'playground', 'm365agentsplayground.yml');
export const LOOPBACK_PRELOAD = join(ROOT, 'scripts', 'loopback-only.cjs');
export const DEFAULT_PLAYGROUND_PORT = 56150;
export const DEFAULT_BOT_ENDPOINT = 'http://127.0.0.1:3978/api/messages';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Port on 127.0.0.1; must be free (the playground would silently pick another one). */
  port: number;
  /** Playground configuration (users, chats, team); the demo identities by default. */
  configPath?: string;
  /** The playground's own log file (it deletes it at start). */
  logFile?: string;
  /** 'inherit' for an interactive run; 'pipe' (default) keeps the output in `output`. */
  stdio?: 'inherit' | 'pipe';
}

/** Variables the child may see: nothing that would send its traffic through a proxy. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(https?_proxy|all_proxy|no_proxy)$/i.test(k)) env[k] = v;
  return { ...env, NO_PROXY: '127.0.0.1,localhost', ...extra };
}

export class AgentsPlayground {
  private child: ChildProcess | undefined;
  output = '';
  exitCode: number | null = null;
  readonly url: string;

  constructor(private readonly options: PlaygroundOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  /** Starts the playground and resolves once its config endpoint answers on 127.0.0.1. */
  async start(timeoutMs = 30_000): Promise<this> {
    const { botEndpoint, port } = this.options;
    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
    const args = ['--require', LOOPBACK_PRELOAD, cli, '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', String(port), '--service-url', `${this.url}/_connector`, '--disable-telemetry'];
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: childEnv({
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: this.options.configPath ?? PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: this.options.logFile ?? join(tmpdir(), `hwb-agents-playground-${port}.log`),
      }),
      stdio: this.options.stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.once('exit', (code, signal) => (this.exitCode = code ?? (signal ? 128 : null)));

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== null) throw new Error(`the Agents Playground exited with ${this.exitCode} before it was ready:\n${this.output}`);
      if (await this.answers()) return this;
      await new Promise((r) => setTimeout(r, 200));
    }
    await this.stop();
    throw new Error(`the Agents Playground did not answer on ${this.url} within ${timeoutMs} ms:\n${this.output}`);
  }

  private async answers(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/_internal/v1/config`, { signal: AbortSignal.timeout(1000) });
      return res.ok;
    } catch {
      // Not listening yet.
      return false;
    }
  }

  /** Waits for the playground to exit by itself (interactive use: Ctrl-C). */
  waitForExit(): Promise<number | null> {
    if (!this.child || this.exitCode !== null) return Promise.resolve(this.exitCode);
    return new Promise((resolve) => this.child!.once('exit', () => resolve(this.exitCode)));
  }

  /** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    const exited = this.waitForExit();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** A port that is free on 127.0.0.1 right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}
