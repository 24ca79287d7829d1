import net from 'node:net';
import { brokerProperties } from '../../infra/stack/kafka.service';
import { createTcpBalancer } from '../../infra/stack/tcp-balancer';
import { topics } from '../../infra/topics';

const configOf = (def: { config: object }) => def.config as Record<string, string>;
const props = (text: string) => Object.fromEntries(text.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));

describe('broker properties', () => {
  const node = (nodeId: number) => ({ nodeId, port: 29091 + nodeId, controllerPort: 29191 + nodeId, dataDir: `/data/kafka-${nodeId}` });

  it('one node: a quorum of one, every internal topic with one copy (the single stack)', () => {
    const p = props(brokerProperties(node(1)));
    expect(p).toMatchObject({ 'node.id': '1', 'controller.quorum.voters': '1@127.0.0.1:29192', 'default.replication.factor': '1', 'offsets.topic.replication.factor': '1', 'transaction.state.log.min.isr': '1' });
    expect(p['min.insync.replicas']).toBeUndefined();
  });

  it('three nodes: one quorum of three voters, three copies, two in sync, no unclean election', () => {
    const quorum = [node(1), node(2), node(3)];
    const p = props(brokerProperties(quorum[1]!, quorum));
    expect(p).toMatchObject({
      'node.id': '2',
      'process.roles': 'broker,controller',
      'controller.quorum.voters': '1@127.0.0.1:29192,2@127.0.0.1:29193,3@127.0.0.1:29194',
      listeners: 'PLAINTEXT://127.0.0.1:29093,CONTROLLER://127.0.0.1:29193',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'unclean.leader.election.enable': 'false',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
    });
  });
});

describe('topic settings from the environment', () => {
  it('defaults to one copy and six partitions', () => {
    const t = topics({});
    expect(t.dossierEvents).toMatchObject({ partitions: 6, replicationFactor: 1 });
    expect(configOf(t.dossierEvents)['min.insync.replicas']).toBeUndefined();
  });

  it('three copies need two in sync, on every topic; the dossier topic takes its partition count', () => {
    const t = topics({ MOTCUA_TOPIC_REPLICATION_FACTOR: '3', MOTCUA_DOSSIER_EVENTS_PARTITIONS: '12' });
    expect(t.dossierEvents).toMatchObject({ partitions: 12, replicationFactor: 3 });
    for (const def of Object.values(t)) expect(configOf(def)['min.insync.replicas']).toBe('2');
    expect(t.dossierEvents.config['retention.ms']).toBe('-1');
  });

  it('refuses a count that is not a positive integer, naming the variable', () => {
    expect(() => topics({ MOTCUA_DOSSIER_EVENTS_PARTITIONS: '0' })).toThrow('MOTCUA_DOSSIER_EVENTS_PARTITIONS must be a positive integer, got 0');
    expect(() => topics({ MOTCUA_TOPIC_REPLICATION_FACTOR: 'three' })).toThrow('MOTCUA_TOPIC_REPLICATION_FACTOR');
  });
});

/** A backend that answers every connection with its name; it can be closed to play a stopped frontend. */
async function namedServer(name: string): Promise<{ port: number; server: net.Server; sockets: Set<net.Socket> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', () => s.write(name));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, server, sockets };
}

function ask(port: number): Promise<{ answer: string; socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('who?'));
    socket.once('data', (d) => resolve({ answer: d.toString(), socket }));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before an answer')));
  });
}

describe('the TCP balancer in front of the Temporal frontends', () => {
  const open: Array<{ close: () => void }> = [];
  afterEach(() => {
    for (const o of open.splice(0)) o.close();
  });

  async function setUp() {
    const a = await namedServer('a');
    const b = await namedServer('b');
    const lb = createTcpBalancer([
      { host: '127.0.0.1', port: a.port },
      { host: '127.0.0.1', port: b.port },
    ]);
    await new Promise<void>((r) => lb.listen(0, '127.0.0.1', r));
    open.push({ close: () => lb.close() }, { close: () => a.server.close() }, { close: () => b.server.close() });
    return { a, b, port: (lb.address() as net.AddressInfo).port };
  }

  it('spreads connections over the backends in turn', async () => {
    const { port } = await setUp();
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { answer, socket } = await ask(port);
      answers.push(answer);
      socket.destroy();
    }
    expect(answers).toEqual(['a', 'b', 'a', 'b']);
  });

  it('closes the connections of a backend that goes away, and sends new ones to the one that remains', async () => {
    const { a, port } = await setUp();
    const first = await ask(port);
    expect(first.answer).toBe('a');
    const closed = new Promise<void>((r) => first.socket.once('close', () => r()));
    a.server.close();
    for (const s of a.sockets) s.destroy();
    await closed;
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { answer, socket } = await ask(port);
      answers.push(answer);
      socket.destroy();
    }
    expect(answers).toEqual(['b', 'b', 'b']);
  });
});
