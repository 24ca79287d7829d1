import fs from 'node:fs';
import path from 'node:path';
import { topics } from '../topics';
import { CLUSTER_PORTS, LOOPBACK, VERSIONS } from './stack-config';
import { pickPort, waitFor } from './net';
import { isRunning, readPid, runLogged, StackError, startDetached, stopProcess, tailFile } from './processes';
import type { ServiceController, ServiceState, StackContext } from './service';
import { logFile, pidFile, readState, removeState, writeState } from './state-file';
import { brokerProperties, CLUSTER_ID, ensureKafkaJars, ensureTopics, kafkaClient, kafkaJavaArgs, type BrokerNode } from './kafka.service';

/** Three combined broker-controllers: the controller quorum survives one loss, and so do topics with 3 copies and min.insync.replicas=2. */
export const KAFKA_CLUSTER_SIZE = 3;

/** What the cluster's topics are created with; the engine's processes and the tests' own topic sets read the same variables. */
export const CLUSTER_TOPIC_ENV = { MOTCUA_TOPIC_REPLICATION_FACTOR: '3', MOTCUA_DOSSIER_EVENTS_PARTITIONS: '12' } as const;

const memberName = (nodeId: number) => `kafka-${nodeId}`;

interface KafkaClusterInfo {
  nodes: BrokerNode[];
}

/** Healthy: every broker registered with the cluster and a controller elected. */
export async function kafkaClusterHealthy(brokers: string[], expected = brokers.length): Promise<boolean> {
  const admin = kafkaClient(brokers).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length >= expected && cluster.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function brokerList(nodes: BrokerNode[]): string[] {
  return nodes.map((n) => `${LOOPBACK}:${n.port}`);
}

/** Ports are chosen once, when the cluster's data folder is formatted, and kept: the quorum's voters name them. */
async function clusterLayout(ctx: StackContext): Promise<BrokerNode[]> {
  const layoutFile = path.join(ctx.dataDir, 'kafka', 'layout.json');
  try {
    return (JSON.parse(fs.readFileSync(layoutFile, 'utf8')) as KafkaClusterInfo).nodes;
  } catch {
    const nodes: BrokerNode[] = [];
    for (let id = 1; id <= KAFKA_CLUSTER_SIZE; id++) {
      nodes.push({
        nodeId: id,
        port: await pickPort(LOOPBACK, CLUSTER_PORTS.kafka + (id - 1), ctx.takenPorts),
        controllerPort: await pickPort(LOOPBACK, CLUSTER_PORTS.kafkaController + (id - 1), ctx.takenPorts),
        dataDir: path.join(ctx.dataDir, 'kafka', memberName(id)),
      });
    }
    fs.mkdirSync(path.dirname(layoutFile), { recursive: true });
    fs.writeFileSync(layoutFile, JSON.stringify({ nodes } satisfies KafkaClusterInfo, null, 2) + '\n');
    return nodes;
  }
}

function propsFileOf(node: BrokerNode): string {
  return path.join(node.dataDir, 'server.properties');
}

/** Starts one broker of the cluster unless it runs already (formatting its storage the first time). */
export async function startKafkaMember(ctx: StackContext, node: BrokerNode, nodes: BrokerNode[], libDir: string): Promise<boolean> {
  const name = memberName(node.nodeId);
  if (isRunning(readPid(pidFile(ctx, name)))) return false;
  fs.mkdirSync(node.dataDir, { recursive: true });
  const propsFile = propsFileOf(node);
  fs.writeFileSync(propsFile, brokerProperties(node, nodes));
  const log = logFile(ctx, name);
  // three brokers share two cores and the machine with other work: a smaller heap each
  const javaArgs = kafkaJavaArgs(libDir, '512m');
  if (!fs.existsSync(path.join(node.dataDir, 'logs', 'meta.properties'))) {
    await runLogged(name, 'java', [...javaArgs, 'kafka.tools.StorageTool', 'format', '-t', CLUSTER_ID, '-c', propsFile, '--ignore-formatted'], log);
  }
  startDetached({ service: name, command: 'java', args: [...javaArgs, 'kafka.Kafka', propsFile], logFile: log, pidFile: pidFile(ctx, name), marker: propsFile });
  return true;
}

/** Starts one stopped broker again and waits until the cluster counts all its brokers. */
export async function restartKafkaMember(ctx: StackContext, nodeId: number): Promise<void> {
  const nodes = kafkaClusterNodes(ctx);
  const node = nodes.find((n) => n.nodeId === nodeId);
  if (!node) throw new Error(`no broker ${nodeId} in the cluster layout`);
  await startKafkaMember(ctx, node, nodes, await ensureKafkaJars(ctx));
  if (!(await waitFor(() => kafkaClusterHealthy(brokerList(nodes), nodes.length), 120_000, 500))) {
    throw new StackError(memberName(nodeId), 'java kafka.Kafka', 'the restarted broker did not rejoin the cluster within 120 s', tailFile(logFile(ctx, memberName(nodeId))));
  }
}

/** Stops one broker (SIGTERM: a controlled shutdown that hands its partition leaderships over first). */
export async function stopKafkaMember(ctx: StackContext, nodeId: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  return stopProcess(pidFile(ctx, memberName(nodeId)), signal, 60_000);
}

/** The brokers of the cluster profile as `stack up` laid them out (for tests that stop and restart one). */
export function kafkaClusterNodes(ctx: StackContext): BrokerNode[] {
  const state = readState(ctx, 'kafka');
  if (!state?.info.layout) throw new Error('the cluster profile’s Kafka is not up: run `motcua stack up --profile cluster`');
  return (JSON.parse(state.info.layout) as KafkaClusterInfo).nodes;
}

export const kafkaClusterService: ServiceController = {
  name: 'kafka',

  async prepare(ctx) {
    await ensureKafkaJars(ctx);
  },

  async up(ctx) {
    const topicEnv = { ...ctx.env, ...CLUSTER_TOPIC_ENV };
    const wanted = Object.values(topics(topicEnv));
    const libDir = await ensureKafkaJars(ctx);
    const nodes = await clusterLayout(ctx);
    const brokers = brokerList(nodes);
    // the nodes start together: a controller quorum forms only once a majority of voters runs
    const started = await Promise.all(nodes.map((n) => startKafkaMember(ctx, n, nodes, libDir)));
    const ok = await waitFor(async () => {
      for (const n of nodes) {
        const rec = readPid(pidFile(ctx, memberName(n.nodeId)));
        if (!isRunning(rec)) throw new StackError(memberName(n.nodeId), rec?.command ?? 'java kafka.Kafka', 'the broker exited during start-up', tailFile(logFile(ctx, memberName(n.nodeId))));
      }
      return kafkaClusterHealthy(brokers, nodes.length);
    }, 120_000, 500);
    if (!ok) {
      const tails = nodes.map((n) => `[${memberName(n.nodeId)}]\n${tailFile(logFile(ctx, memberName(n.nodeId)), 8)}`).join('\n');
      throw new StackError('kafka', `java kafka.Kafka ×${nodes.length}`, `the ${nodes.length} brokers did not all join the cluster within 120 s`, tails);
    }
    await ensureTopics(brokers, wanted);
    const address = brokers.join(',');
    const state: ServiceState = {
      service: 'kafka',
      address,
      source: 'local',
      env: { KAFKA_BROKERS: address, ...CLUSTER_TOPIC_ENV },
      info: { brokers: String(nodes.length), version: VERSIONS.kafka, dataDir: path.join(ctx.dataDir, 'kafka'), logs: nodes.map((n) => logFile(ctx, memberName(n.nodeId))).join(','), layout: JSON.stringify({ nodes }) },
    };
    writeState(ctx, state);
    return { state, started: started.some(Boolean) };
  },

  healthy: (state) => kafkaClusterHealthy(state.address.split(','), Number(state.info.brokers ?? 1)),

  async down(ctx) {
    let nodes: BrokerNode[] = [];
    try {
      nodes = kafkaClusterNodes(ctx);
    } catch {
      nodes = Array.from({ length: KAFKA_CLUSTER_SIZE }, (_, i) => ({ nodeId: i + 1, port: 0, controllerPort: 0, dataDir: '' }));
    }
    // together: a broker that is last to go can wait long for a controller that already left
    const stopped = await Promise.all(nodes.map((n) => stopKafkaMember(ctx, n.nodeId)));
    removeState(ctx, 'kafka');
    return stopped.some(Boolean);
  },
};
