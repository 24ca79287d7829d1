import fs from 'node:fs';
import path from 'node:path';
import type { ServiceName, ServiceState, StackContext } from './service';

export function stateFile(ctx: Pick<StackContext, 'stateDir'>, name: ServiceName): string {
  return path.join(ctx.stateDir, `${name}.json`);
}

export function pidFile(ctx: Pick<StackContext, 'stateDir'>, name: string): string {
  return path.join(ctx.stateDir, `${name}.pid`);
}

export function logFile(ctx: Pick<StackContext, 'logDir'>, name: string): string {
  return path.join(ctx.logDir, `${name}.log`);
}

export function readState(ctx: Pick<StackContext, 'stateDir'>, name: ServiceName): ServiceState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(ctx, name), 'utf8')) as ServiceState;
  } catch {
    return undefined;
  }
}

export function writeState(ctx: Pick<StackContext, 'stateDir'>, state: ServiceState): void {
  fs.mkdirSync(ctx.stateDir, { recursive: true });
  const file = stateFile(ctx, state.service);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

export function removeState(ctx: Pick<StackContext, 'stateDir'>, name: ServiceName): void {
  fs.rmSync(stateFile(ctx, name), { force: true });
}
