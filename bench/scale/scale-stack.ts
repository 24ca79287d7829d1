import fs from 'node:fs';
import path from 'node:path';
import type { StackAddresses } from '../load/engine';
import { freeLoopbackPort } from '../../infra/observability/metrics';
import type { StackContext } from '../../infra/stack/service';
import { stackContext, stackDown, stackUp } from '../../infra/stack/stack';
import { PREFERRED_PORTS, stackPaths, type PortName } from '../../infra/stack/stack-config';

/**
 * A stack of its own for the scale check (`.motcua/scale-stack/`), started fresh and removed after:
 * a hundred thousand dossiers must not land in the stack `npm test` and `npm start` use, and the
 * disk each service used is then the scale check's alone.
 */
export const SCALE_STACK_DIR = path.join(stackPaths().dataDir, 'scale-stack');

const CONFIGURED = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'KAFKA_BROKERS', 'DATABASE_URL'];

export interface ScaleStack {
  ctx: StackContext;
  addresses: StackAddresses;
  /** bytes on disk under each service's data folder */
  diskBytes(): Record<string, number>;
  down(): Promise<void>;
}

function bytesUnder(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(p);
    else if (e.isFile()) {
      try {
        total += fs.statSync(p).size;
      } catch {
        // removed meanwhile (a rolled log segment)
      }
    }
  }
  return total;
}

export async function scaleStackUp(log: (line: string) => void): Promise<ScaleStack> {
  fs.rmSync(SCALE_STACK_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCALE_STACK_DIR, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, MOTCUA_DATA_DIR: SCALE_STACK_DIR };
  for (const k of CONFIGURED) delete env[k];
  const preferredPorts = {} as Record<PortName, number>;
  for (const name of Object.keys(PREFERRED_PORTS) as PortName[]) preferredPorts[name] = await freeLoopbackPort();
  const ctx: StackContext = { ...stackContext(env, log), preferredPorts };
  const up = await stackUp(ctx);
  return {
    ctx,
    addresses: { temporalAddress: up.env.TEMPORAL_ADDRESS!, brokers: up.env.KAFKA_BROKERS!.split(','), databaseUrl: up.env.DATABASE_URL! },
    diskBytes: () => Object.fromEntries(['temporal', 'kafka', 'postgres'].map((s) => [s, bytesUnder(path.join(SCALE_STACK_DIR, s))])),
    down: async () => {
      await stackDown(ctx);
      fs.rmSync(SCALE_STACK_DIR, { recursive: true, force: true });
    },
  };
}
