import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG_SCHEMA_VERSION, type Catalog } from '../contracts/catalog.contract';
import { SimulationPolicy, SimulationProfile } from '../contracts/simulation/simulation-profile.contract';
import { loadShippedCatalog } from '../catalog/load-catalog';
import { formatIssue } from '../domain/catalog/catalog-issue';
import { checkCatalog } from '../domain/catalog/validate-catalog';
import { DomainError } from '../domain/domain-error';

export const PROFILES_DIR = path.join(__dirname, 'profiles');

/** Shipped profiles by short name (`--profile phuc-yen`). */
export const SHIPPED_PROFILES: Record<string, string> = {
  'phuc-yen': 'phuc-yen-2015-2025.json',
  'phu-tho': 'phu-tho-2025-2035.json',
};

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DomainError('SIMULATION_FILE_UNREADABLE', `cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError('SIMULATION_FILE_NOT_JSON', `${what} ${file} is not JSON: ${(e as Error).message}`, { file });
  }
}

function schemaIssues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

export function resolveProfilePath(nameOrFile: string): string {
  const shipped = SHIPPED_PROFILES[nameOrFile];
  if (shipped) return path.join(PROFILES_DIR, shipped);
  return path.resolve(nameOrFile);
}

export interface LoadedProfile {
  file: string;
  profile: SimulationProfile;
  catalog: Catalog;
}

/** Reads and validates a profile (schema, then its catalogue's rules); errors name every issue. */
export function loadProfile(nameOrFile: string): LoadedProfile {
  const file = resolveProfilePath(nameOrFile);
  if (!existsSync(file)) throw new DomainError('SIMULATION_FILE_UNREADABLE', `no profile ${nameOrFile} (a file, or one of: ${Object.keys(SHIPPED_PROFILES).join(', ')})`, { file });
  return parseProfile(readJson(file, 'profile'), file);
}

export function parseProfile(json: unknown, file = '(inline)'): LoadedProfile {
  const parsed = SimulationProfile.safeParse(json);
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error);
    throw new DomainError('SIMULATION_PROFILE_INVALID', `profile ${file}: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`, { issues });
  }
  const profile = parsed.data;
  let catalog: Catalog;
  if (profile.catalog.source === 'shipped') catalog = loadShippedCatalog();
  else {
    const check = checkCatalog({ schemaVersion: CATALOG_SCHEMA_VERSION, catalogVersion: profile.catalog.catalogVersion, units: profile.catalog.units, procedures: profile.catalog.procedures });
    if (!check.ok) throw new DomainError('SIMULATION_PROFILE_INVALID', `profile ${file}: its catalogue has ${check.issues.length} issue(s): ${check.issues.slice(0, 5).map(formatIssue).join('; ')}`, { issues: check.issues });
    catalog = check.catalog;
  }
  return { file, profile, catalog };
}

export function loadPolicy(file: string): SimulationPolicy {
  const parsed = SimulationPolicy.safeParse(readJson(path.resolve(file), 'policy'));
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error);
    throw new DomainError('SIMULATION_POLICY_INVALID', `policy ${file}: ${issues.slice(0, 5).join('; ')}`, { issues });
  }
  return parsed.data;
}
