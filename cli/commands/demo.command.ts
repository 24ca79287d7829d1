import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { loadShippedCatalog } from '../../catalog/load-catalog';
import { toWorkingMinutes } from '../../contracts/duration.contract';
import { planReception } from '../../domain/reception/plan-reception';
import { stackContext, stackEnv } from '../../infra/stack/stack';
import { stackPaths } from '../../infra/stack/stack-config';
import { temporalTarget } from '../../infra/temporal/temporal-connection';
import { ApiClient } from '../demo/api-client';
import { drawProfile, playDossier, type DossierView, type Profile } from '../demo/officer-player';
import { pick, prng } from '../demo/prng';
import { CliError } from '../program';
import { runningApiUrl } from './engine.command';

const RECEIVING_UNITS = ['pt.p-phuc-yen.ttphcc', 'pt.p-xuan-hoa.ttphcc'];

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const positiveInt = (name: string, v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`${name} must be a positive integer, got ${v}`);
  return Number(v);
};

const inc = (m: Record<string, number>, k: string, by = 1) => void (m[k] = (m[k] ?? 0) + by);

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('submit demo dossiers to the running engine’s HTTP API, play their officers, desk and applicants, print a JSON summary line')
    .option('--dossiers <n>', 'how many dossiers', '20')
    .option('--seed <s>', 'seed of the officers’ behaviour', '1')
    .option('--api <url>', 'the engine’s HTTP API (default: the one `npm start` runs)')
    .option('--timeout <seconds>', 'give up waiting for the dossiers after this long', '600')
    .action(async (opts: { dossiers: string; seed: string; api?: string; timeout: string }) => {
      const n = positiveInt('--dossiers', opts.dossiers);
      const seed = positiveInt('--seed', opts.seed);
      const timeoutMs = positiveInt('--timeout', opts.timeout) * 1000;
      const base = opts.api ?? runningApiUrl() ?? 'http://127.0.0.1:18080';
      const ready = await fetch(`${base}/readyz`).catch(() => undefined);
      if (!ready?.ok) throw new CliError(`the engine's API is not ready at ${base}: start it with \`npm start\` (or pass --api)`, 1);

      const catalog = loadShippedCatalog();
      const demo = catalog.procedures.filter((p) => p.field === 'demo');
      // the officers of every unit the demo procedures reach from the two desks, in one development token
      const units = new Set<string>();
      for (const p of demo) for (const desk of RECEIVING_UNITS) for (const u of Object.values(planReception(catalog, { procedureCode: p.code, receivingUnitId: desk, channel: 'direct', receivedAtMs: Date.now() }).routing)) units.add(u);
      const dataDir = stackPaths().dataDir;
      const token = (roles: Array<'reception' | 'officer'>, u: string[], subject: string) => issueDevToken(dataDir, { roles, units: u, subject, ttlSeconds: 6 * 3600, audience: process.env.MOTCUA_JWT_AUDIENCE ?? 'motcua' });
      const api = new ApiClient(base, { reception: await token(['reception'], RECEIVING_UNITS, 'demo-desk'), officer: await token(['officer'], [...units].sort(), 'demo-officer') });

      const rnd = prng(seed);
      const t0 = Date.now();
      const dossiers: Array<{ code: string; citizenToken: string; committedMinutes: number; profile: Profile }> = [];
      for (let i = 0; i < n; i++) {
        const p = pick(rnd, demo);
        const res = await api.call<{ dossierCode: string; citizenToken: string; detail?: string }>('POST', '/dossiers', {
          as: 'reception',
          body: {
            procedureCode: p.code,
            receivingUnitId: pick(rnd, RECEIVING_UNITS),
            channel: pick(rnd, ['direct', 'online', 'online', 'post'] as const),
            applicant: { idNumber: String(1e11 + Math.floor(rnd() * 9e11)), fullName: `Người dân demo ${i + 1}` },
            components: { total: 2, digitised: rnd() < 0.8 ? 2 : 1, reused: rnd() < 0.4 ? 1 : 0 },
          },
        });
        if (res.status !== 201) throw new CliError(`submitting dossier ${i + 1} failed: HTTP ${res.status} ${JSON.stringify(res.body)}`, 1);
        const committed = toWorkingMinutes(p.versions.at(-1)!.deadlines.committed) ?? 1;
        dossiers.push({ code: res.body.dossierCode, citizenToken: res.body.citizenToken, committedMinutes: committed, profile: drawProfile(rnd) });
      }
      process.stderr.write(`demo: ${n} dossiers submitted to ${base}; playing their officers (a minute or two)\n`);
      const quiet = process.env.MOTCUA_DEMO_VERBOSE ? (l: string) => process.stderr.write(`${l}\n`) : () => undefined;
      let finished = 0;
      const played = Promise.all(dossiers.map((d, i) => playDossier(api, d, d.profile, prng(seed * 7919 + i), quiet).then((v) => (finished++, v))));
      const progress = setInterval(() => process.stderr.write(`demo: ${finished}/${n} dossiers finished after ${Math.round((Date.now() - t0) / 1000)} s\n`), 10_000);
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new CliError(`dossiers still open after ${opts.timeout} s`, 1)), timeoutMs).unref());
      let finals: DossierView[];
      try {
        finals = await Promise.race([played, timeout]);
      } finally {
        clearInterval(progress);
      }

      const byStatus: Record<string, number> = {};
      const byBucket: Record<string, number> = {};
      const sla: Record<string, number> = {};
      const profiles: Record<string, number> = {};
      for (const [i, v] of finals.entries()) {
        inc(byStatus, `${v.statusCode}:${v.register?.closedReason ?? 'open'}`);
        inc(byBucket, v.register?.classification ?? 'not_finished');
        inc(sla, 'extensions', v.register?.extensionCount ?? 0);
        inc(profiles, dossiers[i]!.profile);
        const events = await api.call<{ events: Array<{ type: string }> }>('GET', `/dossiers/${dossiers[i]!.code}/events`, { as: 'officer' });
        for (const e of events.body.events ?? []) if (e.type.startsWith('sla.')) inc(sla, e.type.slice(4));
      }
      // history length is Temporal's own figure: read it there when the stack is reachable
      const history = await historyLengths(dossiers.map((d) => d.code)).catch(() => undefined);
      process.stdout.write(
        `${JSON.stringify({
          dossiers: n,
          seed,
          api: base,
          wallSeconds: Math.round((Date.now() - t0) / 100) / 10,
          profiles,
          byFinalStatus: byStatus,
          byClassifierBucket: byBucket,
          sla,
          ...(history ? { historyEventsPerDossier: history } : {}),
        })}\n`,
      );
    });
}

async function historyLengths(codes: string[]): Promise<{ mean: number; p50: number; max: number }> {
  const env = { ...stackEnv(stackContext()), ...process.env };
  const connection = await Connection.connect(temporalTarget(env).connection);
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE ?? 'default' });
    const lens: number[] = [];
    for (const code of codes) lens.push((await client.workflow.getHandle(code).fetchHistory()).events?.length ?? 0);
    lens.sort((a, b) => a - b);
    return { mean: Math.round((lens.reduce((a, b) => a + b, 0) / lens.length) * 10) / 10, p50: quantile(lens, 0.5), max: lens.at(-1) ?? 0 };
  } finally {
    await connection.close();
  }
}
