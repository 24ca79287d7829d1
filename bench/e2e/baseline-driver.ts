import { performance } from 'node:perf_hooks';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { DossierScript, Move } from '../load/dossier-scripts';
import { flatMoves } from '../load/dossier-scripts';
import type { DossierRun, MoveResult } from '../load/http-driver';
import { stepUpdate } from './baseline.workflows';

export type BaselineKind = 'bareWorkflow' | 'localActivityWorkflow';

/**
 * Plays a dossier's script against a baseline workflow: the submission is an update-with-start,
 * then one update per move, in the same order and with the same fork parallelism, straight to
 * Temporal (no API, no codec, no decider, no Kafka).
 */
export class BaselineDriver {
  private seq = 0;
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    readonly workflowType: BaselineKind,
  ) {}

  async play(script: DossierScript): Promise<DossierRun> {
    const startedAt = Date.now();
    const id = `${this.workflowType}-${process.pid}-${startedAt}-${++this.seq}`;
    const total = 1 + flatMoves(script.moves).length;
    const run: DossierRun = { code: id, script, submitMs: 0, moves: [], ok: false, startedAt, endedAt: startedAt };
    try {
      const t0 = performance.now();
      await this.client.workflow.executeUpdateWithStart(stepUpdate, {
        args: [{ procedureCode: script.procedureCode, unitId: script.receivingUnitId }],
        startWorkflowOperation: new WithStartWorkflowOperation(this.workflowType, { workflowId: id, taskQueue: this.taskQueue, args: [total], workflowIdConflictPolicy: 'USE_EXISTING' }),
      });
      run.submitMs = performance.now() - t0;
      const handle = this.client.workflow.getHandle(id);
      let first = true;
      const play = async (m: Move): Promise<void> => {
        if (m.kind === 'parallel') return void (await Promise.all(m.moves.map(play)));
        const isFirst = first;
        first = false;
        const t = performance.now();
        await handle.executeUpdate(stepUpdate, { args: [m] });
        const r: MoveResult = { kind: m.kind, ms: performance.now() - t, status: 200, first: isFirst, endedAt: Date.now(), attempts: 1 };
        run.moves.push(r);
      };
      for (const m of script.moves) await play(m);
      run.ok = true;
    } catch (err) {
      run.error = (err as Error).message;
    }
    run.endedAt = Date.now();
    return run;
  }
}
