import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity, type KafkaSecurity } from '../kafka/kafka-security';
import { topics, type TopicDefinition } from '../topics';
import { LOOPBACK, PREFERRED_PORTS, VERSIONS } from './stack-config';
import { copyMavenRuntimeJars } from './maven-jars';
import { parseHostPort, pickPort, tcpReachable, waitFor } from './net';
import { isRunning, readPid, runLogged, StackError, startDetached, stopProcess, tailFile } from './processes';
import type { ServiceController, ServiceState, StackContext } from './service';
import { logFile, pidFile, readState, removeState, writeState } from './state-file';

/** pom.xml and log4j2.xml sit beside this folder in the clone and in dist/ (the build copies them). */
const KAFKA_FILES = path.resolve(__dirname, '..', 'kafka');
export const CLUSTER_ID = 'bW90Y3VhLWxvY2FsLWtyYWZ0'; // fixed: the local cluster is formatted once per data folder

/** Copies Apache Kafka's runtime jars from Maven Central into the cache, once per Kafka version. */
export async function ensureKafkaJars(ctx: StackContext): Promise<string> {
  const libDir = path.join(ctx.cacheDir, 'kafka', `kafka-${VERSIONS.kafka}`, 'lib');
  const marker = path.join(libDir, `kafka_2.13-${VERSIONS.kafka}.jar`);
  if (fs.existsSync(marker)) return libDir;
  ctx.log(`kafka: fetching Apache Kafka ${VERSIONS.kafka} jars from Maven Central`);
  await copyMavenRuntimeJars({
    service: 'kafka',
    pom: path.join(KAFKA_FILES, 'pom.xml'),
    repository: path.join(ctx.cacheDir, 'm2'),
    libDir,
    properties: { 'kafka.version': VERSIONS.kafka },
    logFile: logFile(ctx, 'kafka-install'),
  });
  return libDir;
}

export interface BrokerNode {
  nodeId: number;
  port: number;
  controllerPort: number;
  dataDir: string;
}

/**
 * A KRaft node that is both broker and controller. With several nodes every internal topic keeps
 * three copies (or as many as there are nodes) and needs all but one in sync.
 */
export function brokerProperties(node: BrokerNode, quorum: BrokerNode[] = [node]): string {
  const copies = Math.min(3, quorum.length);
  const minIsr = Math.max(1, copies - 1);
  return [
    'process.roles=broker,controller',
    `node.id=${node.nodeId}`,
    `controller.quorum.voters=${quorum.map((n) => `${n.nodeId}@${LOOPBACK}:${n.controllerPort}`).join(',')}`,
    `listeners=PLAINTEXT://${LOOPBACK}:${node.port},CONTROLLER://${LOOPBACK}:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://${LOOPBACK}:${node.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(node.dataDir, 'logs')}`,
    'num.partitions=1',
    `default.replication.factor=${copies}`,
    ...(copies > 1 ? [`min.insync.replicas=${minIsr}`, 'unclean.leader.election.enable=false'] : []),
    `offsets.topic.replication.factor=${copies}`,
    'offsets.topic.num.partitions=6',
    `transaction.state.log.replication.factor=${copies}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${copies}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'log.flush.interval.messages=10000',
    '',
  ].join('\n');
}

/** The JVM options every local broker runs with (the jars from the cache, our Log4j 2 configuration). */
export function kafkaJavaArgs(libDir: string, heap = '768m'): string[] {
  return ['-Xms256m', `-Xmx${heap}`, '-XX:+UseG1GC', `-Dlog4j2.configurationFile=${path.join(KAFKA_FILES, 'log4j2.xml')}`, '-cp', `${libDir}/*`];
}

/** `security`: TLS and SASL of configured brokers (the local broker has none). */
export function kafkaClient(brokers: string[], clientId = 'motcua-stack', security: KafkaSecurity = {}): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 200 }, ...security });
}

export async function kafkaHealthy(brokers: string[], security: KafkaSecurity = {}): Promise<boolean> {
  const first = brokers[0] && parseHostPort(brokers[0]);
  if (!first || !(await tcpReachable(first.host, first.port))) return false;
  const admin = kafkaClient(brokers, 'motcua-stack', security).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Creates the topics that are missing, with their partition counts; never auto-created. */
export async function ensureTopics(brokers: string[], defs: TopicDefinition[], security: KafkaSecurity = {}): Promise<void> {
  const admin = kafkaClient(brokers, 'motcua-stack', security).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = defs.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      // kafkajs's own waitForLeaders asks one broker for metadata it may not have yet and fails with
      // "does not host this topic-partition"; the leaders are awaited below, tolerating that answer
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      });
      const names = missing.map((t) => t.name);
      const led = await waitFor(async () => {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: names });
        return meta.length === names.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      }, 30_000);
      if (!led) throw new StackError('kafka', 'createTopics', `topics ${names.join(', ')} have no leader after 30 s`);
    }
  } finally {
    await admin.disconnect();
  }
}

/** The engine's topics under another prefix (a test's or a benchmark's own), created like `stack up` does. */
export async function ensureTopicSet(brokers: string[], prefix: string, env: NodeJS.ProcessEnv = process.env) {
  const defs = topics({ ...env, MOTCUA_TOPIC_PREFIX: prefix });
  await ensureTopics(brokers, Object.values(defs));
  return defs;
}

export const kafkaService: ServiceController = {
  name: 'kafka',

  async up(ctx) {
    const wanted = Object.values(topics(ctx.env));
    const configured = ctx.env.KAFKA_BROKERS;
    if (configured) {
      const brokers = configured.split(',').map((b) => b.trim());
      const security = kafkaSecurity(ctx.env);
      if (await kafkaHealthy(brokers, security)) {
        await ensureTopics(brokers, wanted, security);
        const state: ServiceState = { service: 'kafka', address: configured, source: 'configured', env: { KAFKA_BROKERS: configured }, info: {} };
        writeState(ctx, state);
        return { state, started: false };
      }
      ctx.log(`kafka: KAFKA_BROKERS=${configured} is not reachable; starting a local broker instead`);
    }

    const previous = readState(ctx, 'kafka');
    if (previous?.source === 'local' && isRunning(readPid(pidFile(ctx, 'kafka'))) && (await kafkaHealthy([previous.address]))) {
      await ensureTopics([previous.address], wanted);
      return { state: previous, started: false };
    }

    const libDir = await ensureKafkaJars(ctx);
    const port = await pickPort(LOOPBACK, ctx.preferredPorts?.kafka ?? PREFERRED_PORTS.kafka, ctx.takenPorts);
    const controllerPort = await pickPort(LOOPBACK, ctx.preferredPorts?.kafkaController ?? PREFERRED_PORTS.kafkaController, ctx.takenPorts);
    const dataDir = path.join(ctx.dataDir, 'kafka');
    fs.mkdirSync(dataDir, { recursive: true });
    const propsFile = path.join(dataDir, 'server.properties');
    fs.writeFileSync(propsFile, brokerProperties({ nodeId: 1, port, controllerPort, dataDir }));
    const log = logFile(ctx, 'kafka');
    const javaArgs = kafkaJavaArgs(libDir);
    if (!fs.existsSync(path.join(dataDir, 'logs', 'meta.properties'))) {
      await runLogged('kafka', 'java', [...javaArgs, 'kafka.tools.StorageTool', 'format', '-t', CLUSTER_ID, '-c', propsFile, '--ignore-formatted'], log);
    }
    const rec = startDetached({ service: 'kafka', command: 'java', args: [...javaArgs, 'kafka.Kafka', propsFile], logFile: log, pidFile: pidFile(ctx, 'kafka'), marker: propsFile });
    const address = `${LOOPBACK}:${port}`;
    const ok = await waitFor(async () => {
      if (!isRunning(rec)) throw new StackError('kafka', rec.command, 'the broker exited during start-up', tailFile(log));
      return kafkaHealthy([address]);
    }, 90_000, 500);
    if (!ok) {
      await stopProcess(pidFile(ctx, 'kafka'));
      throw new StackError('kafka', rec.command, 'the broker did not answer within 90 s', tailFile(log));
    }
    await ensureTopics([address], wanted);
    const state: ServiceState = {
      service: 'kafka',
      address,
      source: 'local',
      env: { KAFKA_BROKERS: address },
      info: { dataDir, log, version: VERSIONS.kafka },
    };
    writeState(ctx, state);
    return { state, started: true };
  },

  healthy: (state) => kafkaHealthy(state.address.split(',')),

  async down(ctx) {
    const stopped = await stopProcess(pidFile(ctx, 'kafka'), 'SIGTERM', 30_000);
    removeState(ctx, 'kafka');
    return stopped;
  },
};
