import type { LookupResponse } from '../contracts/api/citizen.contract';
import type { DossierCommandInput } from '../contracts/commands/dossier-commands.contract';
import { statusText } from '../domain/dossier/status-text';
import { dossierEvents } from '../projections/queries/dossier-page.query';
import { registerRow } from '../projections/queries/register.query';
import { openTasksOfDossier } from '../projections/queries/task-inbox.query';
import type { AppDeps } from './app-deps';
import { AppError } from './errors';
import { isoOf, isoOrNull } from './iso';
import { sendCommand, type CommandResponse } from './send-command';

const NOT_FOUND = () => new AppError('LOOKUP_NOT_FOUND', 'no dossier matches this code and these digits');

/**
 * The citizen's lookup by the receipt's code and the ID number's last four digits: the status in
 * plain words, the steps done and the appointment. One answer for "no such dossier" and "wrong
 * digits"; no personal data and no officer in the answer.
 */
export async function lookupDossier(deps: AppDeps, dossierCode: string, idLast4: string): Promise<LookupResponse> {
  if (!(await deps.applicants.matchesLookup(dossierCode, idLast4))) throw NOT_FOUND();
  const row = await registerRow(deps.pool, dossierCode);
  if (!row) throw NOT_FOUND();
  const events = await dossierEvents(deps.pool, dossierCode, {
    types: ['task.assigned', 'task.completed', 'dossier.supplement_requested', 'dossier.reception_supplement_requested', 'dossier.extended', 'dossier.rated'],
  });
  const stepName = new Map<string, string>();
  for (const e of events) if (e.type === 'task.assigned') stepName.set(e.payload.taskId as string, e.payload.stepName as string);
  const stepsDone = events
    .filter((e) => e.type === 'task.completed')
    .map((e) => ({ step: stepName.get(e.payload.taskId as string) ?? (e.payload.stepId as string), finishedAt: isoOf(e.occurredAt) }));
  const open = await openTasksOfDossier(deps.pool, dossierCode, deps.now());
  const lastOf = (type: string) => [...events].reverse().find((e) => e.type === type);
  const supplement = row.statusCode === 5 ? (lastOf('dossier.supplement_requested') ?? lastOf('dossier.reception_supplement_requested')) : undefined;
  const extended = lastOf('dossier.extended');
  return {
    dossierCode,
    procedureName: deps.catalog().procedures.find((p) => p.code === row.procedureCode)?.name ?? row.procedureCode,
    statusCode: row.statusCode,
    status: statusText(row.statusCode),
    receivedAt: isoOrNull(row.receivedAt),
    appointmentAt: isoOrNull(row.appointmentAt),
    finishedAt: isoOrNull(row.finishedAt),
    stepsDone,
    inProgress: open.map((t) => ({ step: t.stepName, since: isoOf(t.assignedAt) })),
    supplement: supplement
      ? { missing: supplement.payload.missing as string[], reason: supplement.payload.reason as string, deadlineAt: supplement.payload.applicantDeadlineAt as string }
      : null,
    extended: extended ? { reason: extended.payload.reason as string, appointmentAt: extended.payload.appointmentAt as string } : null,
    canRate: row.statusCode === 10 && !lastOf('dossier.rated'),
  };
}

/** A citizen's command, authorised by the token printed on the receipt (supplement, rating, complaint). */
export async function citizenCommand(deps: AppDeps, dossierCode: string, token: string | undefined, command: DossierCommandInput): Promise<CommandResponse> {
  if (token === undefined || !(await deps.applicants.matchesToken(dossierCode, token))) {
    throw new AppError('CITIZEN_TOKEN_INVALID', 'the X-Dossier-Token header must carry the token printed on this dossier’s receipt');
  }
  return sendCommand(deps, dossierCode, command);
}
