import { IsoDate } from '../../contracts/org-unit.contract';
import { ProcedureDefinition, ProcedureVersion } from '../../contracts/procedure.contract';
import { DomainError } from '../domain-error';
import { isEffectiveAt } from '../organisation/effective-dating';

/** The version a dossier received on `at` follows; it keeps that version to the end. */
export function procedureVersionAt(procedure: ProcedureDefinition, at: IsoDate): ProcedureVersion {
  const version = procedure.versions.find((v) => isEffectiveAt(v, at));
  if (!version) {
    throw new DomainError('PROCEDURE_NOT_IN_FORCE', `procedure ${procedure.code} has no version in force on ${at}`, {
      procedureCode: procedure.code,
      at,
    });
  }
  return version;
}

export function findProcedure(procedures: readonly ProcedureDefinition[], code: string): ProcedureDefinition {
  const procedure = procedures.find((p) => p.code === code);
  if (!procedure) throw new DomainError('PROCEDURE_UNKNOWN', `unknown procedure ${code}`, { procedureCode: code });
  return procedure;
}
