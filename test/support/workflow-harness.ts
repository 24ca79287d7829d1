import { isoOf } from '../../app/iso';
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { EventPublisher, OutgoingMessage } from '../../activities/ports/event-publisher';
import type { DossierCommandInput } from '../../contracts/commands/dossier-commands.contract';
import type { StartDossierInput } from '../../contracts/commands/start-dossier.contract';
import { DossierEvent } from '../../contracts/events';
import type { DossierState, TaskState } from '../../domain/dossier/dossier-state';
import { run } from '../../domain/dossier/decide';
import { initialState } from '../../domain/dossier/dossier-state';
import { visibilityOf } from '../../domain/dossier/visibility';
import { dossierWorkflow } from '../../workflows';
import { startSearchAttributes } from '../../workflows/search-attribute-keys';
import { dossierCommandUpdate, dossierStateQuery, type CommandResult } from '../../workflows/messages';
import { WORKFLOW_PRELOAD_MODULES } from '../../workers/workflow-source';
import { uniqueName } from './stack-env';
import { createTimeSkippingEnv } from './time-skipping-env';
import { waitUntil } from './wait-until';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'histories');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle is built once per test file (webpack takes seconds). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  // bundled as the worker bundles it: the shared core preloaded, so tests run workflows sharing it too
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), preloadModules: WORKFLOW_PRELOAD_MODULES, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never });
  return bundle;
}

/** Records what the publish activity sent; Kafka itself is the integration tier's business. */
export class RecordingPublisher implements EventPublisher {
  readonly sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.sent.push({ topic, messages });
  }
  async close(): Promise<void> {}
  events(dossierCode: string, topic = 'dossier-events'): DossierEvent[] {
    return this.sent
      .filter((b) => b.topic === topic)
      .flatMap((b) => b.messages)
      .filter((m) => m.key === dossierCode)
      .map((m) => DossierEvent.parse(JSON.parse(m.value)));
  }
}

export class DossierDriver {
  constructor(
    readonly h: WorkflowHarness,
    readonly handle: WorkflowHandle<typeof dossierWorkflow>,
    readonly code: string,
  ) {}
  state(): Promise<DossierState> {
    return this.handle.query(dossierStateQuery);
  }
  /** Sends a command stamped with the test server's clock, as the API stamps its own (app/send-command.ts). */
  async command(c: DossierCommandInput): Promise<CommandResult> {
    const issuedAt = c.issuedAt ?? isoOf(await this.h.now());
    return this.handle.executeUpdate(dossierCommandUpdate, { args: [{ ...c, issuedAt }] });
  }
  async task(stepId: string): Promise<TaskState> {
    const t = (await this.state()).tasks.filter((x) => x.stepId === stepId && (x.status === 'open' || x.status === 'claimed')).at(-1);
    if (!t) throw new Error(`no open task of step ${stepId} in ${this.code}`);
    return t;
  }
  async claim(stepId: string, officerId = 'officer-1'): Promise<TaskState> {
    const t = await this.task(stepId);
    await this.command({ type: 'task.claim', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId });
    return this.task(stepId);
  }
  async complete(stepId: string, officerId = 'officer-1', outcome: 'approved' | 'denied' = 'approved'): Promise<CommandResult> {
    let t = await this.task(stepId);
    if (t.status === 'open') t = await this.claim(stepId, officerId);
    return this.command({ type: 'task.complete', taskId: t.taskId, taskVersion: t.version, unitId: t.unitId, officerId, outcome });
  }
  events(): DossierEvent[] {
    return this.h.publisher.events(this.code);
  }
  types(): string[] {
    return this.events().map((e) => e.type);
  }
  /** Writes the history for the replay test when MOTCUA_RECORD_HISTORIES=1 (committed files guard determinism). */
  async recordHistory(name: string): Promise<void> {
    if (process.env.MOTCUA_RECORD_HISTORIES !== '1') return;
    const history = await this.handle.fetchHistory();
    fs.mkdirSync(HISTORIES_DIR, { recursive: true });
    fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
  }
}

export class WorkflowHarness {
  readonly publisher = new RecordingPublisher();
  private worker!: Worker;
  private running!: Promise<void>;
  readonly taskQueue = uniqueName('wf');
  env!: TestWorkflowEnvironment;

  static async create(): Promise<WorkflowHarness> {
    const h = new WorkflowHarness();
    h.env = await createTimeSkippingEnv();
    h.worker = await Worker.create({
      connection: h.env.nativeConnection,
      taskQueue: h.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ publisher: h.publisher, dossierEventsTopic: 'dossier-events', slaAlertsTopic: 'sla-alerts' }),
    });
    h.running = h.worker.run();
    return h;
  }

  /** Starts a dossier as the API does: with the search attributes its start decision leads to. */
  async start(input: StartDossierInput): Promise<DossierDriver> {
    const now = await this.now();
    let typedSearchAttributes: ReturnType<typeof startSearchAttributes> = [];
    try {
      typedSearchAttributes = startSearchAttributes(visibilityOf(run({ type: 'dossier.start' }, initialState(input), now).state, now));
    } catch {
      // an input the decider rejects: the workflow fails on it by itself (what the start-failure tests check)
    }
    const handle = await this.env.client.workflow.start(dossierWorkflow, { workflowId: input.dossierCode, taskQueue: this.taskQueue, args: [input], typedSearchAttributes });
    const d = new DossierDriver(this, handle, input.dossierCode);
    // the first decision has been taken once the workflow answers a query with events in it
    await waitUntil(async () => ((await d.state()).sequence > 0 ? true : undefined), `the first decision of ${input.dossierCode}`);
    return d;
  }

  now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** Moves the test server's clock: days of deadline pass in milliseconds. */
  sleep(ms: number): Promise<void> {
    return this.env.sleep(ms);
  }

  async close(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env?.teardown();
  }
}

/** The machine-readable code a rejected update carries (the validator's ApplicationFailure type). */
export async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'NO_TYPE';
    throw err;
  }
  throw new Error('the command was accepted, a rejection was expected');
}
