import { Duration } from '../../contracts/duration.contract';
import { UnitKind } from '../../contracts/org-unit.contract';
import {
  DocumentComponent,
  PROCEDURE_SCHEMA_VERSION,
  ProcedureDefinitionInput,
  ProcedureStep,
  StepKind,
} from '../../contracts/procedure.contract';

export const wd = (amount: number): Duration => ({ amount, unit: 'working_days' });
export const wh = (amount: number): Duration => ({ amount, unit: 'working_hours' });
export const wmin = (amount: number): Duration => ({ amount, unit: 'working_minutes' });
export const cd = (amount: number): Duration => ({ amount, unit: 'calendar_days' });

export function step(id: string, name: string, kind: StepKind, unitKind: UnitKind, allotment: Duration, next: string[] = []): ProcedureStep {
  return { id, name, kind, unitKind, allotment, next };
}

export function doc(id: string, name: string, form: DocumentComponent['form'] = 'original', required = true): DocumentComponent {
  return { id, name, form, quantity: 1, required };
}

export function procedure(p: Omit<ProcedureDefinitionInput, 'schemaVersion'>): ProcedureDefinitionInput {
  return { schemaVersion: PROCEDURE_SCHEMA_VERSION, ...p };
}
