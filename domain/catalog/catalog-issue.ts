import { CatalogIssue, CatalogIssueCode } from '../../contracts/catalog.contract';

export interface IssueScope {
  readonly procedureCode?: string;
  readonly version?: number;
  readonly unitId?: string;
}

/** Every message starts with where it is (procedure, version, field), so one line is enough to act on. */
export function issue(code: CatalogIssueCode, scope: IssueScope, path: string, detail: string): CatalogIssue {
  const where = scope.procedureCode
    ? `procedure ${scope.procedureCode}${scope.version !== undefined ? ` version ${scope.version}` : ''}`
    : scope.unitId
      ? `unit ${scope.unitId}`
      : 'catalog';
  return {
    code,
    ...(scope.procedureCode !== undefined ? { procedureCode: scope.procedureCode } : {}),
    ...(scope.version !== undefined ? { version: scope.version } : {}),
    ...(scope.unitId !== undefined ? { unitId: scope.unitId } : {}),
    path,
    message: `${where}, field ${path}: ${detail}`,
  };
}

export function formatIssue(i: CatalogIssue): string {
  return `${i.code} ${i.message}`;
}
