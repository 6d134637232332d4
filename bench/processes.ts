import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";

export type Env = Readonly<Record<string, string | undefined>>;

export interface Service {
  name: string;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The child's stdout and stderr, for a post-mortem. */
  logPath: string;
  /** SIGTERM (drain), then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  name: string;
  /** Entry point, relative to the repository root. */
  script: string;
  env: Env;
  port: number;
  repoRoot: string;
  logDir: string;
}

/**
 * Runs a deployable the way its container does (`node --import tsx main.ts`, no pnpm wrapper, so
 * the pid is the server's own and its memory can be read) and waits for `/health/ready`.
 */
export async function startService(options: StartServiceOptions): Promise<Service> {
  const logPath = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, ["--import", "tsx", options.script], {
    cwd: options.repoRoot,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: "127.0.0.1" },
    // Logs go to a file: a pipe nobody reads would fill up and stall the server mid-benchmark.
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const origin = `http://127.0.0.1:${options.port}`;
  const service: Service = {
    name: options.name,
    pid: child.pid ?? -1,
    origin,
    logPath,
    stop: () => stop(child),
  };
  try {
    await waitUntilReady(service, child);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

async function waitUntilReady(service: Service, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${service.name} exited (${child.exitCode ?? child.signalCode}); see ${service.logPath}`,
      );
    }
    const ready = await fetch(`${service.origin}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.name} not ready after ${timeoutMs / 1000} s; see ${service.logPath}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export async function run(command: string, args: readonly string[], cwd: string, env: Env): Promise<void> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: "inherit" });
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${code ?? signal})`);
}

/** A port free on loopback right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface Memory {
  /** Resident set size now, KiB. */
  rssKiB: number;
  /** Peak resident set size since start, KiB. */
  peakKiB: number;
}

/** Reads VmRSS and VmHWM from /proc/<pid>/status (Linux). */
export async function memoryOf(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssKiB: kib("VmRSS"), peakKiB: kib("VmHWM") };
}
