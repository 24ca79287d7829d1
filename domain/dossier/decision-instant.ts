/**
 * The instant a decision is taken at, when its history fixes one (`fixed`: the execution's start, a
 * command's `issuedAt`, a timer's armed instant): never before the dossier's last event nor the
 * workflow's latest decision (so instants only move forward), never after the workflow's clock (a
 * caller's clock ahead of the server's). Without one, the clock. A workflow task retried after its
 * events were published then decides the same events again.
 */
export function decisionInstant(p: { clock: number; fixed?: number; lastEventAt?: number; decidedAt?: number }): number {
  if (p.fixed === undefined || !Number.isFinite(p.fixed)) return p.clock;
  return Math.min(p.clock, Math.max(p.fixed, p.lastEventAt ?? -Infinity, p.decidedAt ?? -Infinity));
}

/** Where the next timer is planned from: the latest decision, so an instant that passed meanwhile is ticked at itself. */
export function planningInstant(p: { clock: number; lastEventAt?: number; decidedAt?: number }): number {
  const last = Math.max(p.lastEventAt ?? -Infinity, p.decidedAt ?? -Infinity);
  return Number.isFinite(last) ? Math.min(p.clock, last) : p.clock;
}
