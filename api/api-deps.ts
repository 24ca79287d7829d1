import type { Keyring } from '../infra/crypto/keyring';
import type { AppDeps } from '../app/app-deps';
import type { TokenVerifier } from '../app/access/token-verifier';
import type { CatalogSource } from '../app/stores/catalog-source';
import type { ReadinessResponse } from '../contracts/api/operations.contract';
import type { SlaAlertHub } from './sla-alert-hub';
import type { InboxChangeHub } from './inbox-change-hub';
import type { PdfRenderer } from '../web/server/pdf-renderer';
import type { Logger, LogLevelName } from '../infra/observability/log';
import type { ApiMetrics } from './http-metrics';

/** Everything the HTTP API needs: the application's dependencies and the edge's own. */
export interface ApiDeps extends AppDeps {
  verifier: TokenVerifier;
  catalogSource: CatalogSource;
  readiness(): Promise<ReadinessResponse>;
  /** The payload codec's keys, for the codec-server endpoints the Temporal UI calls. */
  keyring?: Keyring;
  alerts?: SlaAlertHub;
  /** The inbox pages' live stream (web/). */
  inboxChanges?: InboxChangeHub;
  /** Forms as PDF, printed by headless Chromium from the pages (web/). */
  pdf?: PdfRenderer;
  /** Origins allowed to call the codec endpoints from a browser (the Temporal UI's). */
  codecCorsOrigins: string[];
  rateLimits: { lookupPerClientPerMinute: number; lookupPerCodePerHour: number; citizenPerClientPerMinute: number };
  /** Log every request at info (else only failures); personal fields are redacted either way. */
  logLevel: LogLevelName;
  /** The process's logger (its request lines are children with `reqId`); default: one named `api`. */
  logger?: Logger;
  /** Request latency and command outcomes (GET /metrics on the process's metrics port). */
  metrics?: ApiMetrics;
  /** A server span per request (OpenTelemetry on). */
  tracing?: boolean;
  version: string;
}
