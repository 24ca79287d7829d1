import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { createActivities } from '../../activities';
import { dossierCommandUpdate, dossierStateQuery } from '../../workflows/messages';
import type { EventPublisher } from '../../activities/ports/event-publisher';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createApi, type ApiRuntime } from '../../api/create-api';
import { engineKeyring } from '../../infra/crypto/engine-keyring';
import { generateKeySpec } from '../../infra/crypto/keyring';
import { engineDataConverter } from '../../infra/temporal/data-converter';
import { ApiConfig } from '../../workers/config';
import { AN } from '../support/applicants';
import { DossierEvent, EVENT_HEADERS } from '../../contracts/events';
import { createKafkajsPublisher } from '../../infra/kafka/kafkajs-publisher';
import { dossierSummaryProjection } from '../../projections/dossier-summary.projection';
import { createProjectionConsumer, type ProjectionConsumer } from '../../projections/projection-consumer';
import { dropDatabase, freshDatabase, freshNamespace, freshTopics, requireStackEnv, uniqueName } from '../support/stack-env';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(120_000);

/** HTTP → Temporal → Kafka → PostgreSQL → HTTP, every part real. */
describe('walking skeleton against the real stack', () => {
  const env = requireStackEnv();
  const taskQueue = uniqueName('skeleton');
  let db: { url: string; name: string };
  let pool: Pool;
  let publisher: EventPublisher;
  let workerConn: NativeConnection;
  let worker: Worker;
  let workerRun: Promise<void>;
  let clientConn: Connection;
  let projector: ProjectionConsumer;
  let tap: Consumer;
  const tapped: KafkaMessage[] = [];
  let api: ApiRuntime;
  let base: string;
  let token: string;
  const keyring = engineKeyring(generateKeySpec('skeleton-1'));
  const dataConverter = engineDataConverter(keyring);
  let topicNames: Awaited<ReturnType<typeof freshTopics>>['defs'];
  let namespace: string;

  beforeAll(async () => {
    db = await freshDatabase(env.databaseUrl);
    pool = new Pool({ connectionString: db.url, max: 4 });
    topicNames = (await freshTopics(env.brokers)).defs;
    namespace = await freshNamespace(env.temporalAddress);

    publisher = await createKafkajsPublisher(env.brokers, 'skeleton-test');
    workerConn = await NativeConnection.connect({ address: env.temporalAddress });
    worker = await Worker.create({
      connection: workerConn,
      namespace,
      taskQueue,
      dataConverter,
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({ publisher, dossierEventsTopic: topicNames.dossierEvents.name }),
    });
    workerRun = worker.run();

    projector = createProjectionConsumer({
      brokers: env.brokers,
      groupId: uniqueName('skeleton-projector'),
      topic: topicNames.dossierEvents.name,
      deadLetterTopic: topicNames.deadLetter.name,
      pool,
      projections: [dossierSummaryProjection],
    });
    await projector.start();

    // an independent reader of the topic, as an outside analytics service would be
    tap = new Kafka({ clientId: 'skeleton-tap', brokers: env.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('skeleton-tap') });
    await tap.connect();
    await tap.subscribe({ topic: topicNames.dossierEvents.name, fromBeginning: true });
    await tap.run({ eachMessage: async ({ message }) => void tapped.push(message) });

    clientConn = await Connection.connect({ address: env.temporalAddress });
    const keys = await generateKeyPair('ES256');
    api = await createApi(
      ApiConfig.parse({
        TEMPORAL_ADDRESS: env.temporalAddress,
        TEMPORAL_NAMESPACE: namespace,
        MOTCUA_TASK_QUEUE: taskQueue,
        KAFKA_BROKERS: env.brokers.join(','),
        DATABASE_URL: db.url,
        MOTCUA_APPLICANT_KEY_SECRET: 'integration-test-secret-0123456789',
        MOTCUA_ENCRYPTION_KEYS: [...keyring.keys].map(([id, k]) => `${id}:${k.toString('base64')}`).join(','),
        MOTCUA_JWT_PUBLIC_KEY: JSON.stringify({ ...(await exportJWK(keys.publicKey)), alg: 'ES256' }),
        MOTCUA_JWT_ISSUER: 'skeleton',
        MOTCUA_API_LOG_LEVEL: 'silent',
      }),
      { warn: () => undefined },
    );
    // the dossier of this test was received in 2025: entering it now is a backfill
    token = await new SignJWT({ roles: ['reception', 'backfill', 'officer'], units: ['pt.p-phuc-yen.ttphcc'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('desk-officer')
      .setIssuer('skeleton')
      .setAudience('motcua')
      .setExpirationTime('10m')
      .sign(keys.privateKey);
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await api?.close();
    await tap?.disconnect();
    await projector?.stop();
    worker?.shutdown();
    await workerRun;
    await workerConn?.close();
    await clientConn?.close();
    await publisher?.close();
    await pool?.end();
    if (db) await dropDatabase(env.databaseUrl, db.name);
  });

  const submit = (body: unknown) => fetch(`${base}/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('receives a dossier, publishes dossier.received keyed by its code, and serves the read-model row', async () => {
    const res = await submit({
      procedureCode: '1.001193',
      receivingUnitId: 'pt.p-phuc-yen.ttphcc',
      channel: 'online',
      applicant: AN,
      receivedAt: '2025-08-29T16:00:00+07:00',
      components: { total: 3, digitised: 2, reused: 1 },
    });
    expect(res.status).toBe(201);
    const accepted = (await res.json()) as { dossierCode: string; appointmentAt: string; links: { self: string } };
    const code = accepted.dossierCode;
    expect(code).toMatch(/^PT\.P\.PHUC\.YEN\.TTPHCC-250829-\d{4}$/);
    expect(res.headers.get('location')).toBe(`/dossiers/${code}`);
    // the receipt (Form 01) comes with the submission: the workflow's first decision, already on the topic
    expect(accepted.appointmentAt).toBe('2025-09-03T17:00:00+07:00');

    const message = await waitUntil(async () => tapped.find((m) => m.key?.toString() === code), `dossier.received for ${code} on the topic`);
    const event = DossierEvent.parse(JSON.parse(message.value!.toString()));
    if (event.type !== 'dossier.received') throw new Error(`first event is ${event.type}`);
    expect(message.headers?.[EVENT_HEADERS.type]?.toString()).toBe('dossier.received');
    expect(message.headers?.[EVENT_HEADERS.schemaVersion]?.toString()).toBe('1');
    expect(message.headers?.[EVENT_HEADERS.id]?.toString()).toBe(`${code}:1`);
    expect(event).toMatchObject({ id: `${code}:1`, type: 'dossier.received', sequence: 1, dossierCode: code, procedureCode: '1.001193', unitId: 'pt.p-phuc-yen.ttphcc' });
    // received Friday 16:00, after the procedure's 15:00 cut-off; National Day 2025 closes 30 Aug–2 Sep:
    // the clock starts Wednesday 07:00 and one working day ends there at 17:00
    expect(event.payload.clockStartAt).toBe('2025-09-03T07:00:00+07:00');
    expect(event.payload.appointmentAt).toBe('2025-09-03T17:00:00+07:00');
    expect(event.payload.applicantKey).toMatch(/^ak_/);
    expect(JSON.stringify(event)).not.toContain(AN.idNumber);
    expect(JSON.stringify(event)).not.toContain('Nguyễn');

    const row = await waitUntil(async () => {
      const { rows } = await pool.query('SELECT * FROM dossier_summary WHERE dossier_code = $1', [code]);
      return rows[0]?.last_event_id === `${code}:6` ? rows[0] : undefined;
    }, `the read-model row of ${code}`);
    // reception is followed, in the same decision, by the desk's first task: status 4, being processed; received
    // in August 2025 and entered now, its dues have long passed, so the same decision raises the step's and the
    // dossier's breach and escalation (events 3–6)
    expect(row).toMatchObject({ dossier_code: code, status_code: 4, channel: 'online', last_event_id: `${code}:6`, last_event_type: 'sla.escalated' });
    expect(row.due_at.toISOString()).toBe('2025-09-03T10:00:00.000Z');
    const first = tapped.filter((m) => m.key?.toString() === code).map((m) => m.headers?.[EVENT_HEADERS.type]?.toString());
    expect(first).toEqual(['dossier.received', 'task.assigned', 'sla.breached', 'sla.escalated', 'sla.breached', 'sla.escalated']);
    const page = await get(`/dossiers/${code}`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { dossierCode: string }).dossierCode).toBe(code);

    const { rows } = await pool.query('SELECT last_sequence FROM projection_checkpoint WHERE projection = $1 AND dossier_code = $2', ['dossier-summary', code]);
    expect(rows).toEqual([{ last_sequence: '6' }]);

    // the desk hands the dossier on; the history the real server recorded replays through today's code
    const handle = new Client({ connection: clientConn, namespace, dataConverter }).workflow.getHandle(code);
    const state = await handle.query(dossierStateQuery);
    const task = state.tasks[0]!;
    const done = await handle.executeUpdate(dossierCommandUpdate, { args: [{ type: 'task.complete', taskId: task.taskId, taskVersion: task.version, unitId: task.unitId, officerId: 'desk-officer' }] });
    expect(done.events.map((e) => e.type)).toEqual(['task.completed', 'task.assigned']);
    await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), dataConverter }, await handle.fetchHistory(), code);
  });

  it('rejects an invalid body with problem details and starts nothing', async () => {
    const before = await pool.query('SELECT coalesce(sum(last_value), 0)::int AS n FROM dossier_code_counter');
    const res = await submit({ procedureCode: '1.001193', channel: 'fax', applicant: { idNumber: '12' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; issues: Array<{ path: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['applicant.fullName', 'applicant.idNumber', 'channel', 'receivingUnitId']);
    const after = await pool.query('SELECT coalesce(sum(last_value), 0)::int AS n FROM dossier_code_counter');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses an unknown procedure with 422 and an unknown dossier with 404', async () => {
    const res = await submit({ procedureCode: '9.999999', receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', applicant: AN });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('PROCEDURE_UNKNOWN');
    const beforeMerger = await submit({ procedureCode: '1.001193', receivingUnitId: 'pt.p-phuc-yen.ttphcc', channel: 'direct', receivedAt: '2025-04-25T09:00:00+07:00', applicant: AN });
    expect(beforeMerger.status).toBe(422);
    expect(((await beforeMerger.json()) as { code: string }).code).toBe('UNIT_NOT_EFFECTIVE');
    const missing = await get(`/dossiers/PT-250101-9999`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('DOSSIER_NOT_FOUND');
  });
});
