import { CatalogIssue } from '../../contracts/catalog.contract';
import { Duration } from '../../contracts/duration.contract';
import { OrgUnit } from '../../contracts/org-unit.contract';
import { ProcedureDefinition, ProcedureVersion } from '../../contracts/procedure.contract';
import { isEffectiveAt, rangesOverlap } from '../organisation/effective-dating';
import { comparableWorkingMinutes, formatDuration } from '../procedure/comparable-duration';
import { findCycle, longestPath, startSteps } from '../procedure/step-graph';
import { feeTiersProblem } from '../procedure/fees';
import { issue, IssueScope } from './catalog-issue';

/** Same units compare exactly; mixed units compare by the working time each surely holds. */
export function durationExceeds(a: Duration, b: Duration): boolean {
  if (a.unit === b.unit) return a.amount > b.amount;
  return comparableWorkingMinutes(a) > comparableWorkingMinutes(b);
}

export function validateProcedures(procedures: readonly ProcedureDefinition[], units: readonly OrgUnit[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const seen = new Set<string>();
  procedures.forEach((p, i) => {
    if (seen.has(p.code)) {
      issues.push(issue('PROCEDURE_DUPLICATE_CODE', { procedureCode: p.code }, `procedures[${i}].code`, `duplicate procedure code ${p.code}`));
    }
    seen.add(p.code);
    issues.push(...validateVersionSet(p, i));
    p.versions.forEach((v, j) => issues.push(...validateVersion(p, v, `procedures[${i}].versions[${j}]`, units)));
  });
  return issues;
}

function validateVersionSet(p: ProcedureDefinition, i: number): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  p.versions.forEach((v, j) => {
    const scope = { procedureCode: p.code, version: v.version };
    const at = `procedures[${i}].versions[${j}]`;
    if (v.validTo !== undefined && v.validTo < v.validFrom) {
      issues.push(issue('VERSION_VALIDITY_INVERTED', scope, `${at}.validTo`, `validTo ${v.validTo} is before validFrom ${v.validFrom}`));
    }
    for (let k = 0; k < j; k++) {
      const other = p.versions[k]!;
      if (other.version === v.version) {
        issues.push(issue('VERSION_DUPLICATE_NUMBER', scope, `${at}.version`, `version number ${v.version} is used twice`));
      }
      if (rangesOverlap(other, v)) {
        issues.push(
          issue('VERSION_OVERLAP', scope, `${at}.validFrom`, `${v.validFrom}..${v.validTo ?? 'open'} overlaps version ${other.version} (${other.validFrom}..${other.validTo ?? 'open'})`),
        );
      }
    }
  });
  return issues;
}

function validateVersion(p: ProcedureDefinition, v: ProcedureVersion, at: string, units: readonly OrgUnit[]): CatalogIssue[] {
  const scope: IssueScope = { procedureCode: p.code, version: v.version };
  const issues: CatalogIssue[] = [];
  const { legal, committed, online } = v.deadlines;
  if (durationExceeds(committed, legal)) {
    issues.push(issue('COMMITTED_EXCEEDS_LEGAL', scope, `${at}.deadlines.committed`, `committed ${formatDuration(committed)} is longer than legal ${formatDuration(legal)}`));
  }
  if (online && durationExceeds(online, committed)) {
    issues.push(issue('ONLINE_EXCEEDS_COMMITTED', scope, `${at}.deadlines.online`, `online ${formatDuration(online)} is longer than committed ${formatDuration(committed)}`));
  }

  const docIds = new Set<string>();
  v.documents.forEach((d, k) => {
    if (docIds.has(d.id)) issues.push(issue('DOCUMENT_DUPLICATE_ID', scope, `${at}.documents[${k}].id`, `duplicate document id ${d.id}`));
    docIds.add(d.id);
  });

  v.fees.forEach((f, k) => {
    const problem = feeTiersProblem(f);
    if (problem) issues.push(issue('FEE_TIERS_INVALID', scope, `${at}.fees[${k}]`, `fee ${f.id} ${problem}`));
  });

  const hasFinancialStep = v.steps.some((s) => s.kind === 'financial_obligation');
  if (hasFinancialStep !== v.hasFinancialObligation) {
    issues.push(
      issue('FINANCIAL_OBLIGATION_MISMATCH', scope, `${at}.hasFinancialObligation`, `is ${v.hasFinancialObligation} but the steps ${hasFinancialStep ? 'include' : 'lack'} a financial_obligation step`),
    );
  }

  issues.push(...validateSteps(v, at, scope, units));
  return issues;
}

function validateSteps(v: ProcedureVersion, at: string, scope: IssueScope, units: readonly OrgUnit[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const ids = new Set<string>();
  let graphSound = true;
  v.steps.forEach((s, k) => {
    if (ids.has(s.id)) {
      issues.push(issue('STEP_DUPLICATE_ID', scope, `${at}.steps[${k}].id`, `duplicate step id ${s.id}`));
      graphSound = false;
    }
    ids.add(s.id);
  });
  v.steps.forEach((s, k) => {
    s.next.forEach((n, m) => {
      if (!ids.has(n)) {
        issues.push(issue('STEP_UNKNOWN_NEXT', scope, `${at}.steps[${k}].next[${m}]`, `step ${s.id} names unknown next step ${n}`));
        graphSound = false;
      }
    });
    issues.push(...validateStepUnit(s, `${at}.steps[${k}]`, v, scope, units));
  });

  const cycle = findCycle(v.steps);
  if (cycle) {
    const k = v.steps.findIndex((s) => s.id === cycle[0]);
    issues.push(issue('STEP_GRAPH_CYCLE', scope, `${at}.steps[${k}].next`, `steps form a cycle ${cycle.join(' → ')}`));
    return issues;
  }
  const starts = startSteps(v.steps);
  if (starts.length !== 1) {
    issues.push(issue('STEP_GRAPH_START', scope, `${at}.steps`, `expected one start step, found ${starts.map((s) => s.id).join(', ') || 'none'}`));
  }
  if (graphSound) {
    const critical = longestPath(v.steps);
    const committedMinutes = comparableWorkingMinutes(v.deadlines.committed);
    if (critical.minutes > committedMinutes) {
      issues.push(
        issue('STEP_ALLOTMENT_EXCEEDS_COMMITTED', scope, `${at}.steps`, `longest path ${critical.path.join(' → ')} takes ${critical.minutes} working minutes, more than the committed ${formatDuration(v.deadlines.committed)} (${committedMinutes})`),
      );
    }
  }
  return issues;
}

function validateStepUnit(
  s: ProcedureVersion['steps'][number],
  at: string,
  v: ProcedureVersion,
  scope: IssueScope,
  units: readonly OrgUnit[],
): CatalogIssue[] {
  const dates = v.validTo !== undefined ? [v.validFrom, v.validTo] : [v.validFrom];
  if (s.unitId !== undefined) {
    const unit = units.find((u) => u.id === s.unitId);
    if (!unit) return [issue('STEP_UNIT_UNKNOWN', scope, `${at}.unitId`, `step ${s.id} names unknown unit ${s.unitId}`)];
    const out: CatalogIssue[] = [];
    if (unit.kind !== s.unitKind) {
      out.push(issue('STEP_UNIT_KIND_MISMATCH', scope, `${at}.unitId`, `step ${s.id} expects a ${s.unitKind} but ${unit.id} is a ${unit.kind}`));
    }
    const gap = dates.find((d) => !isEffectiveAt(unit, d));
    if (gap !== undefined) {
      out.push(issue('STEP_UNIT_NOT_EFFECTIVE', scope, `${at}.unitId`, `step ${s.id}: unit ${unit.id} is not in force on ${gap}`));
    }
    return out;
  }
  for (const d of dates) {
    if (!units.some((u) => u.kind === s.unitKind && isEffectiveAt(u, d))) {
      return [issue('STEP_UNIT_KIND_NOT_EFFECTIVE', scope, `${at}.unitKind`, `step ${s.id}: no ${s.unitKind} unit is in force on ${d}`)];
    }
  }
  return [];
}
