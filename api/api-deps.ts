import type { Keyring } from '../infra/crypto/keyring';
import type { AppDeps } from '../app/app-deps';
import type { TokenVerifier } from '../app/access/token-verifier';
import type { CatalogSource } from '../app/stores/catalog-source';
import type { ReadinessResponse } from '../contracts/api/operations.contract';
import type { SlaAlertHub } from './sla-alert-hub';
import type { InboxChangeHub } from './inbox-change-hub';
import type { PdfRenderer } from '../web/server/pdf-renderer';

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
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  version: string;
}
