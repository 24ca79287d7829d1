import type { PortName, StackProfile } from './stack-config';

export type ServiceName = 'temporal' | 'kafka' | 'postgres';
export type ServiceSource = 'configured' | 'local';

/** What `stack up` learned about one service; persisted so `status`, `down` and the engine reuse it. */
export interface ServiceState {
  service: ServiceName;
  address: string;
  source: ServiceSource;
  /** Environment the engine's processes need to reach this service. */
  env: Record<string, string>;
  /** Extra facts for people: URLs, data folders. */
  info: Record<string, string>;
}

export interface ServiceStatusLine {
  service: ServiceName;
  address: string;
  healthy: boolean;
  source: ServiceSource;
}

export interface StackContext {
  profile: StackProfile;
  cacheDir: string;
  dataDir: string;
  stateDir: string;
  logDir: string;
  env: NodeJS.ProcessEnv;
  /** Ports already promised to another service in this `up`. */
  takenPorts: Set<number>;
  /** Ports to try before the usual ones (a stack that restarts a service on the ports its clients know: the fault tests'). */
  preferredPorts?: Partial<Record<PortName, number>>;
  log: (line: string) => void;
}

export interface ServiceController {
  name: ServiceName;
  /** Services whose `up` must have finished (their state written) before this one's `up` starts. */
  dependsOn?: ServiceName[];
  /** Downloads and builds, run at once in parallel with everything else (before the dependencies are up). */
  prepare?(ctx: StackContext): Promise<void>;
  /** Brings the service up (reusing a running one) and returns how to reach it, and whether this call started it. */
  up(ctx: StackContext): Promise<{ state: ServiceState; started: boolean }>;
  healthy(state: ServiceState, ctx: StackContext): Promise<boolean>;
  /** Stops only what `up` started. Returns whether something was stopped. */
  down(ctx: StackContext): Promise<boolean>;
}
