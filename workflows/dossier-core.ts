// Everything the dossier workflow runs that is not Temporal's: evaluated once per worker (see worker-memo.ts).
export { DossierCommand } from '../contracts/commands/dossier-commands.contract';
export { StartDossierInput } from '../contracts/commands/start-dossier.contract';
export { run } from '../domain/dossier/decide';
export { initialState, openTasks } from '../domain/dossier/dossier-state';
export { isDomainError } from '../domain/domain-error';
export { isDone, nextWakeUp } from '../domain/dossier/sla-timers';
export { referenceDueMs } from '../domain/deadline/status-classifier';
export { visibilityKey, visibilityOf } from '../domain/dossier/visibility';
export { decisionInstant, planningInstant } from '../domain/dossier/decision-instant';
