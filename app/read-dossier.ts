import type { ConsumptionResponse, DossierView, EventsResponse, LedgerResponse, SlipResponse } from '../contracts/api/reads.contract';
import { allotmentByUnit } from '../domain/deadline/unit-budgets';
import type { DossierState } from '../domain/dossier/dossier-state';
import { statusText } from '../domain/dossier/status-text';
import { findUnit } from '../domain/organisation/unit-directory';
import { dossierEvents, processSlip, unitConsumption } from '../projections/queries/dossier-page.query';
import { registerRow } from '../projections/queries/register.query';
import { openTasksOfDossier } from '../projections/queries/task-inbox.query';
import { dossierStateQuery } from '../workflows/messages';
import type { AppDeps } from './app-deps';
import { AppError } from './errors';
import { inboxItemView } from './inbox';
import { isoOf, isoOrNull } from './iso';
import { registerRowView } from './supervision';
import { temporalCall } from './temporal-errors';

function procedureName(deps: AppDeps, code: string): string | null {
  return deps.catalog().procedures.find((p) => p.code === code)?.name ?? null;
}

async function workflowState(deps: AppDeps, dossierCode: string): Promise<DossierState> {
  return temporalCall(() => deps.temporal.workflow.getHandle(dossierCode).query(dossierStateQuery));
}

/** The dossier's head: its register row and open tasks, or (for a moment after submission) its workflow's state. */
export async function dossierView(deps: AppDeps, dossierCode: string): Promise<DossierView> {
  const self = `/dossiers/${dossierCode}`;
  const links = { self, events: `${self}/events`, slip: `${self}/slip`, ledger: `${self}/ledger`, consumption: `${self}/consumption`, applicant: `${self}/applicant` };
  const row = await registerRow(deps.pool, dossierCode);
  if (row) {
    const tasks = await openTasksOfDossier(deps.pool, dossierCode, deps.now());
    return {
      dossierCode,
      procedureCode: row.procedureCode,
      procedureName: procedureName(deps, row.procedureCode),
      receivingUnitId: row.receivingUnitId,
      channel: row.channel,
      statusCode: row.statusCode,
      statusText: statusText(row.statusCode),
      receivedAt: isoOrNull(row.receivedAt),
      appointmentAt: isoOrNull(row.appointmentAt),
      legalDueAt: isoOrNull(row.legalDueAt),
      calendarVersion: null,
      classification: row.classification,
      openTasks: tasks.map(inboxItemView),
      register: registerRowView(row),
      source: 'read-model',
      links,
    };
  }
  const s = await workflowState(deps, dossierCode);
  return {
    dossierCode,
    procedureCode: s.input.procedureCode,
    procedureName: s.input.procedureName,
    receivingUnitId: s.input.unitId,
    channel: s.input.channel,
    statusCode: s.statusCode,
    statusText: statusText(s.statusCode),
    receivedAt: s.input.receivedAt,
    appointmentAt: s.ledger ? isoOf(s.ledger.committedDueMs) : null,
    legalDueAt: s.ledger ? isoOf(s.ledger.legalDueMs) : null,
    calendarVersion: s.input.calendarVersion,
    classification: null,
    openTasks: [],
    register: null,
    source: 'workflow',
    links,
  };
}

export async function dossierTimeline(deps: AppDeps, dossierCode: string, q: { afterSequence: number; limit: number }): Promise<EventsResponse> {
  const events = await dossierEvents(deps.pool, dossierCode, q);
  return { dossierCode, events: events.map((e) => ({ ...e, occurredAt: isoOf(e.occurredAt) })) };
}

export async function dossierSlip(deps: AppDeps, dossierCode: string): Promise<SlipResponse> {
  const rows = await processSlip(deps.pool, dossierCode);
  return {
    dossierCode,
    rows: rows.map((r) => ({ ...r, handedAt: isoOf(r.handedAt), fromDueAt: isoOf(r.fromDueAt), fromFinishedAt: isoOf(r.fromFinishedAt), toDueAt: isoOf(r.toDueAt) })),
  };
}

/** The deadline ledger with the rule behind each change, from the workflow (the ledger's owner). */
export async function dossierLedger(deps: AppDeps, dossierCode: string): Promise<LedgerResponse> {
  const s = await workflowState(deps, dossierCode);
  if (!s.ledger) throw new AppError('LEDGER_NOT_AVAILABLE', `dossier ${dossierCode} was not received, so it has no deadlines`);
  return {
    dossierCode,
    calendarVersion: s.ledger.calendarVersion,
    ledger: s.ledger,
    entries: s.ledger.entries.map((e) => ({
      seq: e.seq,
      at: isoOf(e.at),
      kind: e.kind,
      rule: e.rule,
      calendarVersion: e.calendarVersion,
      stepId: e.stepId ?? null,
      unitId: e.unitId ?? null,
      deltaWorkingMinutes: e.deltaWorkingMinutes ?? null,
      dueBefore: isoOrNull(e.dueBefore),
      dueAfter: isoOrNull(e.dueAfter),
      detail: e.detail,
    })),
  };
}

/** Working time each unit consumed against its allotment (the steps routed to it). */
export async function dossierConsumption(deps: AppDeps, dossierCode: string): Promise<ConsumptionResponse> {
  const [s, consumed] = await Promise.all([workflowState(deps, dossierCode), unitConsumption(deps.pool, dossierCode)]);
  const allotted = allotmentByUnit(s.input.procedure.steps, s.input.routing);
  const units = [...new Set([...Object.keys(allotted), ...consumed.map((c) => c.unitId)])].sort();
  const catalog = deps.catalog();
  return {
    dossierCode,
    settled: consumed.length > 0 && consumed.every((c) => c.settled),
    units: units.map((unitId) => {
      const c = consumed.find((x) => x.unitId === unitId);
      const a = allotted[unitId] ?? 0;
      const used = c?.consumedWorkingMinutes ?? 0;
      return {
        unitId,
        unitName: findUnit(catalog, unitId)?.name ?? null,
        allottedWorkingMinutes: a,
        consumedWorkingMinutes: used,
        tasksFinished: c?.tasksFinished ?? 0,
        percentOfAllotment: a > 0 ? Math.round((used / a) * 1000) / 10 : null,
      };
    }),
  };
}
