import type { Catalog } from '../contracts/catalog.contract';
import type { SimulationPolicy, SimulationProfile } from '../contracts/simulation/simulation-profile.contract';
import { applyPolicy } from '../domain/simulation/policy';
import { compileProfile, type CompiledProfile } from '../domain/simulation/world';
import { loadPolicy, loadProfile } from './load-profile';

/** What a run is asked to do; plain data, so worker threads can rebuild the same run from it. */
export interface RunRequest {
  /** A profile file, or a shipped profile's name. */
  profile: string;
  /** A policy file to apply to the profile. */
  policy?: string;
  years?: number;
  seed: number;
}

export interface PreparedRun {
  file: string;
  profile: SimulationProfile;
  catalog: Catalog;
  policy?: SimulationPolicy;
  compiled: CompiledProfile;
}

export function prepareRun(req: RunRequest): PreparedRun {
  const loaded = loadProfile(req.profile);
  let { profile, catalog } = loaded;
  let policy: SimulationPolicy | undefined;
  if (req.policy) {
    policy = loadPolicy(req.policy);
    ({ profile, catalog } = applyPolicy(profile, catalog, policy));
  }
  const compiled = compileProfile(profile, catalog, req.years ?? profile.years);
  return { file: loaded.file, profile, catalog, ...(policy ? { policy } : {}), compiled };
}
