import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Catalog } from '../contracts/catalog.contract';
import type { ApplicantStore } from './stores/applicant-store';

/** What the use cases need from the outside world; the API, the CLI and the tests each build one. */
export interface AppDeps {
  temporal: Client;
  taskQueue: string;
  pool: Pool;
  /** The catalogue in force (the shipped one, or the newest written through the admin API). */
  catalog(): Catalog;
  applicants: ApplicantStore;
  /** Key of the HMAC that turns an ID number into the pseudonymous applicant key. */
  applicantKeySecret: string;
  /** The official calendar new dossiers are pinned to, unless their procedure names its own. */
  calendarVersion: string;
  /** The wall clock, injected so tests control it. */
  now(): number;
  limits: AppLimits;
}

export interface AppLimits {
  /** A reception instant this far ahead of the clock is refused (clocks of desks drift). */
  clockSkewMs: number;
  /** A reception instant older than this needs the backfill role. */
  receivedAtMaxAgeMs: number;
  /** How long a command may wait for its dossier's answer before the caller is told to retry. */
  commandTimeoutMs: number;
}

export const DEFAULT_LIMITS: AppLimits = { clockSkewMs: 5 * 60_000, receivedAtMaxAgeMs: 30 * 24 * 3600_000, commandTimeoutMs: 10_000 };
