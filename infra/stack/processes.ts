import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A failure of the local stack: names the service, the command and the end of its log. */
export class StackError extends Error {
  constructor(
    readonly service: string,
    readonly command: string,
    readonly reason: string,
    readonly logTail = '',
  ) {
    super(`${service}: ${reason}\n  command: ${command}${logTail ? `\n  last lines of the log:\n${indent(logTail)}` : ''}`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

export interface PidRecord {
  pid: number;
  command: string;
  startedAt: string;
  /**
   * Text that must appear in /proc/PID/cmdline: the path of this clone's data file or folder, so a
   * recycled PID, or the same service of another clone, is never mistaken for ours.
   */
  marker: string;
}

export function tailFile(file: string, lines = 25): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function readPid(pidFile: string): PidRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

export function isRunning(rec: PidRecord | undefined): boolean {
  if (!rec) return false;
  try {
    process.kill(rec.pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8');
    if (!cmdline.includes(rec.marker)) return false;
    const stat = fs.readFileSync(`/proc/${rec.pid}/stat`, 'utf8');
    // a zombie has exited; only its parent has not reaped it yet
    return !/\) Z /.test(stat);
  } catch {
    return true;
  }
}

export interface DetachedSpec {
  service: string;
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  marker: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

/** Starts a long-lived process outside our process group, so it outlives `motcua stack up`. */
export function startDetached(spec: DetachedSpec): PidRecord {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  fs.mkdirSync(path.dirname(spec.pidFile), { recursive: true });
  const fd = fs.openSync(spec.logFile, 'a');
  if (spec.uid !== undefined) fs.fchownSync(fd, spec.uid, spec.gid ?? spec.uid);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
    uid: spec.uid,
    gid: spec.gid,
  });
  fs.closeSync(fd);
  if (child.pid === undefined) {
    throw new StackError(spec.service, commandLine(spec), 'the process could not be spawned', tailFile(spec.logFile));
  }
  child.unref();
  const rec: PidRecord = { pid: child.pid, command: commandLine(spec), startedAt: new Date().toISOString(), marker: spec.marker };
  fs.writeFileSync(spec.pidFile, JSON.stringify(rec) + '\n');
  return rec;
}

export function commandLine(spec: { command: string; args: string[] }): string {
  return [spec.command, ...spec.args].map((a) => (/[\s']/.test(a) ? `'${a}'` : a)).join(' ');
}

/** Stops a process we started (its whole group), escalating to SIGKILL after the grace period. */
export async function stopProcess(pidFile: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000): Promise<boolean> {
  const rec = readPid(pidFile);
  if (!rec || !isRunning(rec)) {
    fs.rmSync(pidFile, { force: true });
    return false;
  }
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(-rec.pid, sig);
    } catch {
      try {
        process.kill(rec.pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  send(signal);
  const deadline = Date.now() + graceMs;
  while (isRunning(rec) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isRunning(rec)) {
    send('SIGKILL');
    while (isRunning(rec)) await new Promise((r) => setTimeout(r, 50));
  }
  fs.rmSync(pidFile, { force: true });
  return true;
}

/** Runs a set-up command to completion, with its output appended to a log file; async so services provision in parallel. */
export async function runLogged(service: string, command: string, args: string[], logFile: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number; timeoutMs?: number } = {}): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.appendFileSync(logFile, `\n$ ${commandLine({ command, args })}\n`);
  const fd = fs.openSync(logFile, 'a');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', fd, fd], uid: opts.uid, gid: opts.gid });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 10 * 60 * 1000);
      const fail = (reason: string) => reject(new StackError(service, commandLine({ command, args }), reason, tailFile(logFile)));
      child.once('error', (e) => {
        clearTimeout(timer);
        fail(e.message);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else fail(`exited with code ${code}${signal ? ` (signal ${signal})` : ''}`);
      });
    });
  } finally {
    fs.closeSync(fd);
  }
}
