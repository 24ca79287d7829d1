import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ensureDatabase, withDatabase } from '../../infra/db/migrate';
import { dropDatabase } from '../../infra/db/scratch-database';
import { createKafka } from '../../infra/kafka/kafkajs-client';
import { copyMavenRuntimeJars } from '../../infra/stack/maven-jars';
import { treeCpuSeconds } from '../cpu-time';

/**
 * The embedded BPMN engine that a province would otherwise pick (Flowable 7.2, from Maven Central),
 * run on the same PostgreSQL and brokers as motcua on the same machine, so its CPU per completed task
 * stands beside motcua's CPU per hand-off (bench:cluster).
 */
const PEER_DIR = __dirname;
const FLOWABLE_VERSION = '7.2.0';
const DATABASE = 'motcua_bpmn_peer';
const TOPIC = 'motcua.bench.bpmn-peer';

export interface PeerOptions {
  databaseUrl: string;
  /** host:port,…; without it the peer publishes nothing */
  kafkaBrokers?: string;
  replicationFactor: number;
  cacheDir: string;
  logDir: string;
  dossiers: number;
  warmup: number;
  concurrency: number;
  /** the service processes whose CPU counts with the JVM's */
  servicePids: { postgres: number[]; kafka: number[] };
  say: (line: string) => void;
}

/** What the peer prints after its measured run (FlowablePeer.java). */
interface MeasuredLine {
  phase: 'measured';
  dossiers: number;
  completions: number;
  concurrency: number;
  wallSeconds: number;
  dossiersPerSecond: number;
  completionsPerSecond: number;
  completionP50Ms: number;
  completionP99Ms: number;
  published: boolean;
}

export type PeerFigures = Omit<MeasuredLine, 'phase'> & {
  engine: string;
  cpuMsPerCompletion: number;
  cpuMsPerCompletionByRole: { jvm: number; postgres: number; kafka: number };
  cpuMsPerDossier: number;
};

/** Flowable's runtime jars in the cache, once per version (as the broker's are). */
async function ensurePeerJars(cacheDir: string, logDir: string): Promise<string> {
  const libDir = path.join(cacheDir, 'bpmn-peer', `flowable-${FLOWABLE_VERSION}`, 'lib');
  if (fs.existsSync(path.join(libDir, `flowable-engine-${FLOWABLE_VERSION}.jar`))) return libDir;
  await copyMavenRuntimeJars({
    service: 'bpmn-peer',
    pom: path.join(PEER_DIR, 'pom.xml'),
    repository: path.join(cacheDir, 'm2'),
    libDir,
    properties: { 'flowable.version': FLOWABLE_VERSION },
    logFile: path.join(logDir, 'bpmn-peer-install.log'),
  });
  return libDir;
}

function cpuSnapshot(jvm: number, pids: PeerOptions['servicePids']) {
  return { jvm: treeCpuSeconds([jvm]), postgres: treeCpuSeconds(pids.postgres), kafka: treeCpuSeconds(pids.kafka) };
}

export async function runBpmnPeer(opts: PeerOptions): Promise<PeerFigures> {
  opts.say(`bpmn peer: Flowable ${FLOWABLE_VERSION} jars (Maven Central, cached)`);
  const lib = await ensurePeerJars(opts.cacheDir, opts.logDir);
  const url = new URL(opts.databaseUrl);
  await dropDatabase(opts.databaseUrl, DATABASE);
  await ensureDatabase(withDatabase(opts.databaseUrl, 'postgres'), DATABASE);
  const kafka = opts.kafkaBrokers ? createKafka(opts.kafkaBrokers.split(','), 'bench-bpmn-peer') : undefined;
  const admin = kafka?.admin();
  try {
    if (admin) {
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 12, replicationFactor: opts.replicationFactor, configEntries: [{ name: 'min.insync.replicas', value: String(Math.max(1, opts.replicationFactor - 1)) }] }] });
    }
    const args = [
      '-cp', path.join(lib, '*'), path.join(PEER_DIR, 'FlowablePeer.java'),
      `jdbc=jdbc:postgresql://${url.hostname}:${url.port || 5432}/${DATABASE}`,
      `user=${decodeURIComponent(url.username)}`, `password=${decodeURIComponent(url.password)}`,
      `bpmn=${path.join(PEER_DIR, 'five-steps.bpmn20.xml')}`,
      `brokers=${opts.kafkaBrokers ?? ''}`, `topic=${TOPIC}`,
      `dossiers=${opts.dossiers}`, `warmup=${opts.warmup}`, `concurrency=${opts.concurrency}`,
    ];
    opts.say(`bpmn peer: ${opts.warmup} dossiers to warm up, then ${opts.dossiers} measured, ${opts.concurrency} in flight`);
    const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr.on('data', (b: Buffer) => stderr.push(b.toString()));
    // a peer that died is reported by its exit code below, not by a write to its closed stdin
    child.stdin.on('error', () => undefined);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let before: ReturnType<typeof cpuSnapshot> | undefined;
    let measured: MeasuredLine | undefined;
    let after: ReturnType<typeof cpuSnapshot> | undefined;
    for await (const line of readline.createInterface({ input: child.stdout })) {
      const msg = JSON.parse(line) as { phase: string; timersArmedOnStart?: number };
      if (msg.phase === 'warm') {
        // without its SLA timer the peer would not be doing motcua's work
        if (msg.timersArmedOnStart !== 1) {
          child.kill();
          throw new Error(`the BPMN peer armed ${msg.timersArmedOnStart} timers for an open task, not 1`);
        }
        before = cpuSnapshot(child.pid!, opts.servicePids);
      }
      if (msg.phase === 'measured') {
        after = cpuSnapshot(child.pid!, opts.servicePids);
        measured = msg as MeasuredLine;
      }
      child.stdin.write('\n');
    }
    const code = await exited;
    if (code !== 0 || !before || !after || !measured) throw new Error(`the BPMN peer exited with ${code}: ${stderr.join('').slice(-2000)}`);
    const per = (k: keyof typeof before) => ((after[k] - before[k]) * 1000) / measured.completions;
    const byRole = { jvm: round(per('jvm')), postgres: round(per('postgres')), kafka: round(per('kafka')) };
    const all = per('jvm') + per('postgres') + per('kafka');
    const { phase: _phase, ...figures } = measured;
    return { engine: `flowable ${FLOWABLE_VERSION} (embedded)`, ...figures, cpuMsPerCompletion: round(all), cpuMsPerCompletionByRole: byRole, cpuMsPerDossier: round((all * measured.completions) / measured.dossiers) };
  } finally {
    if (admin) {
      await admin.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
      await admin.disconnect();
    }
    await dropDatabase(opts.databaseUrl, DATABASE);
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
