import { Counter, Gauge, type Registry } from 'prom-client';
import type { DossierEvent } from '../contracts/events';
import type { PartitionLag } from '../infra/kafka/consumer-lag';
import type { Logger } from '../infra/observability/log';
import { slaAlertLogProjection } from '../projections/sla-alert-log.projection';

const SLA_KINDS = ['warning', 'breached', 'escalated', 'form04_drafted'] as const;
const SLA_SCOPES = ['dossier', 'step'] as const;

export interface ConsumerMetrics {
  /** After each committed batch. */
  batch(groupId: string, info: { applied: number; deadLettered: number }): void;
  /** After a batch's transaction, with what a projection applied for the first time. */
  applied(projection: string, events: DossierEvent[]): void;
}

/**
 * The consumer process's series: lag per group and partition (asked of Kafka at each scrape),
 * events applied and messages dead-lettered per group, and SLA alerts by kind and scope.
 *
 * SLA alerts are counted here, as the `sla-alert-log` projection (group sla-board) applies them,
 * not where the worker publishes them: a projection applies each event once (its checkpoint per
 * dossier skips a re-published or redelivered copy), while a retried publish sends the same alert
 * again, so this count is exactly the alerts supervisors saw. The price is the group's lag, which
 * has its own series and alert.
 */
export function createConsumerMetrics(o: { registry: Registry; groupIds: string[]; countsSlaAlerts: boolean; lags: () => Promise<PartitionLag[]>; log: Logger }): ConsumerMetrics {
  const { registry, groupIds, lags, log } = o;
  // one question to Kafka per scrape, shared by both gauges (a registry collects its metrics concurrently)
  let asking: Promise<PartitionLag[] | undefined> | undefined;
  const currentLags = () =>
    (asking ??= lags()
      .catch((err: unknown) => {
        log.warn({ err }, 'consumer lag unavailable for this scrape');
        return undefined;
      })
      .finally(() => (asking = undefined)));
  new Gauge({
    name: 'motcua_consumer_lag',
    help: 'Events published to the topic and not yet reflected in the group\'s read models, per partition.',
    labelNames: ['group', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const l of (await currentLags()) ?? []) this.set({ group: l.groupId, topic: l.topic, partition: String(l.partition) }, l.lag);
    },
  });
  new Gauge({
    name: 'motcua_consumer_lag_up',
    help: 'Whether this scrape could read the groups\' offsets from Kafka (1), or not (0, and no lag series).',
    registers: [registry],
    async collect() {
      this.set((await currentLags()) ? 1 : 0);
    },
  });
  const applied = new Counter({ name: 'motcua_consumer_events_applied_total', help: 'Events applied to the group\'s read models by this process (each projection counts its own).', labelNames: ['group'], registers: [registry] });
  const dead = new Counter({ name: 'motcua_consumer_dead_letters_total', help: 'Messages this process sent to the dead-letter topic (unreadable, or failing the event contract).', labelNames: ['group'], registers: [registry] });
  const alerts = new Counter({ name: 'motcua_sla_alerts_total', help: 'SLA alerts (sla.* events) applied to the alert log, by kind (warning, breached, escalated, form04_drafted) and scope (dossier, step).', labelNames: ['kind', 'scope'], registers: [registry] });
  // series exist from the start, at 0, so rates and absent() work before the first event
  for (const g of groupIds) {
    applied.inc({ group: g }, 0);
    dead.inc({ group: g }, 0);
  }
  if (o.countsSlaAlerts) for (const kind of SLA_KINDS) for (const scope of SLA_SCOPES) alerts.inc({ kind, scope }, 0);
  return {
    batch(groupId, info) {
      if (info.applied > 0) applied.inc({ group: groupId }, info.applied);
      if (info.deadLettered > 0) dead.inc({ group: groupId }, info.deadLettered);
    },
    applied(projection, events) {
      if (projection !== slaAlertLogProjection.name) return;
      for (const e of events) {
        if (!e.type.startsWith('sla.')) continue;
        alerts.inc({ kind: e.type.slice('sla.'.length), scope: String((e.payload as { scope?: unknown }).scope ?? 'dossier') });
      }
    },
  };
}
