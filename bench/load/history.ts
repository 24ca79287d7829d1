import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { DossierRun } from './http-driver';

const T = temporal.api.enums.v1.EventType;

export interface HistoryFigures {
  dossiers: number;
  eventsPerDossier: number;
  /** all of a finished dossier's history over its completing commands (the figure the issue started from: 12.2) */
  eventsPerCompletingCommand: number;
  /** the events one completing command adds (its workflow task and what that task recorded), mean and max */
  eventsPerHandoffCommand: number;
  eventsPerHandoffCommandMax: number;
  /** event types in the hand-off segments, per hand-off */
  handoffEventMix: Record<string, number>;
}

const typeName = (t: number | null | undefined) => (T[t ?? 0] ?? String(t)).replace(/^EVENT_TYPE_/, '').toLowerCase();

/**
 * Reads the histories of finished runs and counts events: per dossier, per completing command, and
 * per hand-off segment (a workflow task with the events it recorded, from its WorkflowTaskScheduled
 * to the next one) whose accepted update was a completing command. Updates are matched to the
 * script's moves in order (each dossier's commands are sequential, fork branches are both completes).
 */
export async function historyFigures(client: Client, runs: DossierRun[], sample: number): Promise<HistoryFigures> {
  const chosen = runs.filter((r) => r.ok && r.code).slice(0, sample);
  let events = 0;
  let completes = 0;
  const handoffSegments: number[] = [];
  const mix: Record<string, number> = {};
  for (const r of chosen) {
    const history = await client.workflow.getHandle(r.code!).fetchHistory();
    const list = history.events ?? [];
    events += list.length;
    const kinds = ['submit', ...r.moves.map((m) => m.kind)];
    completes += r.moves.filter((m) => m.kind === 'complete').length;
    let updateIndex = 0;
    let segment: typeof list = [];
    // a workflow task that took no update and fired no timer continues the previous command (a local activity that outlived its first task)
    let continuing = false;
    const count = (seg: typeof list) => {
      for (const e of seg) mix[typeName(e.eventType)] = (mix[typeName(e.eventType)] ?? 0) + 1;
    };
    const close = () => {
      const accepted = segment.filter((e) => e.eventType === T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).length;
      const fired = segment.some((e) => e.eventType === T.EVENT_TYPE_TIMER_FIRED);
      if (accepted === 0 && !fired && continuing) {
        handoffSegments[handoffSegments.length - 1]! += segment.length;
        count(segment);
      } else if (accepted === 1 && kinds[updateIndex] === 'complete') {
        handoffSegments.push(segment.length);
        count(segment);
        continuing = true;
      } else continuing = false;
      updateIndex += accepted;
      segment = [];
    };
    for (const e of list) {
      if (e.eventType === T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED && segment.length > 0) close();
      segment.push(e);
    }
    close();
  }
  const n = Math.max(1, handoffSegments.length);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    dossiers: chosen.length,
    eventsPerDossier: round(events / Math.max(1, chosen.length)),
    eventsPerCompletingCommand: round(events / Math.max(1, completes)),
    eventsPerHandoffCommand: round(handoffSegments.reduce((a, b) => a + b, 0) / n),
    eventsPerHandoffCommandMax: Math.max(0, ...handoffSegments),
    handoffEventMix: Object.fromEntries(Object.entries(mix).map(([k, v]) => [k, round(v / n)])),
  };
}
