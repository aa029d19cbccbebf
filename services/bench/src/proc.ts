// Service processes: each subgraph and each gateway runs in its own child process (fork with an IPC channel), so that
// CPU time and memory can be read per process from /proc/<pid>/stat while autocannon (a third kind of process) loads it.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

export interface ProcSample {
  /** user + system CPU time, ms */
  cpuMs: number;
  rssBytes: number;
}

/** CPU time and resident memory of a process, from /proc (Linux). */
export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime 15, rss 24
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND, rssBytes: Number(fields[21]) * PAGE_BYTES };
}

type Message = { type: 'ready'; value: any } | { type: 'reply'; id: number; value?: any; error?: string } | { type: 'failed'; error: string };

export interface Worker {
  name: string;
  pid: number;
  ready: any;
  /** Calls a named handler of the worker (see serveWorker). */
  call<T = unknown>(handler: string, argument?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a compiled worker script of this folder and waits for its "ready" message. */
export function startWorker(name: string, script: string, argument: unknown, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Worker> {
  // the argument (a supergraph is larger than a command line may be) goes over the IPC channel
  const child: ChildProcess = fork(path.join(__dirname, script), [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send({ type: 'init', argument });
  let next = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`worker ${name} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.on('message', (message: Message) => {
      if (message.type === 'failed') reject(new Error(`worker ${name}: ${message.error}`));
      if (message.type === 'reply') {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.value);
      }
      if (message.type !== 'ready') return;
      child.off('exit', onExit);
      child.on('exit', () => {
        for (const waiting of pending.values()) waiting.reject(new Error(`worker ${name} exited`));
      });
      resolve({
        name,
        pid: child.pid as number,
        ready: message.value,
        call(handler, arg) {
          const id = next++;
          return new Promise((res, rej) => {
            pending.set(id, { resolve: res, reject: rej });
            child.send({ type: 'call', id, handler, argument: arg });
          });
        },
        stop() {
          if (child.exitCode !== null) return Promise.resolve();
          return new Promise<void>((res) => {
            const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(killer);
              res();
            });
            child.send({ type: 'stop' });
          });
        },
      });
    });
  });
}

/** In a worker: reports ready (or failed), answers calls, and stops cleanly on "stop" or when the parent goes away. */
export async function serveWorker<A>(
  start: (argument: A) => Promise<{ value: unknown; handlers?: Record<string, (argument: any) => Promise<unknown>>; stop: () => Promise<void> }>,
): Promise<void> {
  const argument = await new Promise<A>((resolve) => {
    const onInit = (message: { type: string; argument: A }) => {
      if (message.type !== 'init') return;
      process.off('message', onInit);
      resolve(message.argument);
    };
    process.on('message', onInit);
  });
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start(argument);
  } catch (error) {
    console.error(error);
    process.send?.({ type: 'failed', error: String((error as Error)?.stack ?? error) });
    process.exit(1);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await started.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('disconnect', stop);
  process.on('message', async (message: { type: string; id: number; handler: string; argument: unknown }) => {
    if (message.type === 'stop') return stop();
    if (message.type !== 'call') return;
    try {
      const handler = started.handlers?.[message.handler];
      if (!handler) throw new Error(`no handler ${message.handler}`);
      process.send?.({ type: 'reply', id: message.id, value: await handler(message.argument) });
    } catch (error) {
      process.send?.({ type: 'reply', id: message.id, error: String((error as Error)?.message ?? error) });
    }
  });
  process.send?.({ type: 'ready', value: started.value });
}
