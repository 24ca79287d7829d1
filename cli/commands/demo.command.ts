import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { classifyFinished } from '../../domain/deadline/status-classifier';
import type { DossierState } from '../../domain/dossier/dossier-state';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { temporalTarget } from '../../infra/temporal/temporal-connection';
import { drawProfile, playDossier, type Profile } from '../demo/officer-player';
import { pick, prng } from '../demo/prng';
import { CliError } from '../program';

const RECEIVING_UNITS = ['pt.p-phuc-yen.ttphcc', 'pt.p-xuan-hoa.ttphcc'];

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const positiveInt = (name: string, v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`${name} must be a positive integer, got ${v}`);
  return Number(v);
};

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('submit demo dossiers to the running engine, play their officers and applicants, print a JSON summary line')
    .option('--dossiers <n>', 'how many dossiers', '20')
    .option('--seed <s>', 'seed of the officers’ behaviour', '1')
    .option('--api <url>', 'the engine’s HTTP API', `http://127.0.0.1:${process.env.MOTCUA_API_PORT ?? '18080'}`)
    .option('--timeout <seconds>', 'give up waiting for the dossiers after this long', '600')
    .action(async (opts: { dossiers: string; seed: string; api: string; timeout: string }) => {
      const n = positiveInt('--dossiers', opts.dossiers);
      const seed = positiveInt('--seed', opts.seed);
      const timeoutMs = positiveInt('--timeout', opts.timeout) * 1000;
      const env = { ...stackEnv(stackContext()), ...process.env };
      if (!env.TEMPORAL_ADDRESS) throw new CliError('no Temporal address: start the engine with `npm start` (or set TEMPORAL_ADDRESS)', 1);
      const health = await fetch(`${opts.api}/healthz`).catch(() => undefined);
      if (!health?.ok) throw new CliError(`the engine's API does not answer at ${opts.api}: start it with \`npm start\` (or pass --api)`, 1);

      const demoCodes = loadShippedCatalog().procedures.filter((p) => p.field === 'demo').map((p) => p.code);
      const rnd = prng(seed);
      const connection = await Connection.connect(temporalTarget(env).connection);
      const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE ?? 'default' });
      const t0 = Date.now();
      try {
        const dossiers: Array<{ code: string; profile: Profile }> = [];
        for (let i = 0; i < n; i++) {
          const res = await fetch(`${opts.api}/dossiers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              procedureCode: pick(rnd, demoCodes),
              receivingUnitId: pick(rnd, RECEIVING_UNITS),
              channel: pick(rnd, ['direct', 'online', 'online', 'post'] as const),
              applicant: { idNumber: String(1e11 + Math.floor(rnd() * 9e11)), fullName: `Người dân demo ${i + 1}` },
              components: { total: 2, digitised: rnd() < 0.8 ? 2 : 1, reused: rnd() < 0.4 ? 1 : 0 },
            }),
          });
          if (res.status !== 202) throw new CliError(`submitting dossier ${i + 1} failed: HTTP ${res.status} ${await res.text()}`, 1);
          dossiers.push({ code: ((await res.json()) as { dossierCode: string }).dossierCode, profile: drawProfile(rnd) });
        }
        const quiet = process.env.MOTCUA_DEMO_VERBOSE ? (l: string) => process.stderr.write(`${l}\n`) : () => undefined;
        const played = Promise.all(dossiers.map((d, i) => playDossier(client, d.code, d.profile, prng(seed * 7919 + i), quiet)));
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new CliError(`dossiers still open after ${opts.timeout} s`, 1)), timeoutMs).unref());
        const finals: DossierState[] = await Promise.race([played, timeout]);

        const byStatus: Record<string, number> = {};
        const byBucket: Record<string, number> = {};
        const sla: Record<string, number> = {};
        const perDossier: number[] = [];
        let handoffs = 0;
        let historyTotal = 0;
        for (const [i, s] of finals.entries()) {
          const key = `${s.statusCode}:${s.closedReason ?? s.phase}`;
          byStatus[key] = (byStatus[key] ?? 0) + 1;
          if (s.resultReadyAt !== undefined && s.ledger) {
            const bucket = classifyFinished(s.resultReadyAt, s.ledger.committedDueMs, s.input.settings.classifier);
            byBucket[bucket] = (byBucket[bucket] ?? 0) + 1;
          } else {
            byBucket['not_finished'] = (byBucket['not_finished'] ?? 0) + 1;
          }
          for (const [k, v] of Object.entries(s.slaRaised)) sla[k] = (sla[k] ?? 0) + (v ?? 0);
          sla['extensions'] = (sla['extensions'] ?? 0) + s.extensions;
          const history = await client.workflow.getHandle(dossiers[i]!.code).fetchHistory();
          const len = history.events?.length ?? 0;
          perDossier.push(len);
          historyTotal += len;
          handoffs += s.tasks.filter((t) => t.status === 'done' || t.status === 'returned').length;
        }
        perDossier.sort((a, b) => a - b);
        const profiles: Record<string, number> = {};
        for (const d of dossiers) profiles[d.profile] = (profiles[d.profile] ?? 0) + 1;
        process.stdout.write(
          `${JSON.stringify({
            dossiers: n,
            seed,
            wallSeconds: Math.round((Date.now() - t0) / 100) / 10,
            profiles,
            byFinalStatus: byStatus,
            byClassifierBucket: byBucket,
            sla,
            historyEventsPerDossier: { mean: Math.round((historyTotal / n) * 10) / 10, p50: quantile(perDossier, 0.5), max: perDossier.at(-1) ?? 0 },
            historyEventsPerHandoff: handoffs > 0 ? Math.round((historyTotal / handoffs) * 10) / 10 : null,
          })}\n`,
        );
      } finally {
        await connection.close();
      }
    });
}
