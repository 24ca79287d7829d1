import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { issueDevToken } from '../../app/access/issue-dev-token';
import { DESKS, type DossierScript, type Move } from './dossier-scripts';

export interface MoveResult {
  kind: string;
  /** the move's HTTP round trip (the last attempt's, when retried) */
  ms: number;
  status: number;
  code?: string;
  /** the first command after the submission */
  first: boolean;
  endedAt: number;
  attempts: number;
  /** the dossier's last event sequence as the answer stated it */
  sequence?: number;
}

export interface DossierRun {
  code?: string;
  script: DossierScript;
  submitMs: number;
  moves: MoveResult[];
  ok: boolean;
  error?: string;
  startedAt: number;
  endedAt: number;
}

/** Every answer the driver saw, by operation and status (a fault run proves no 500 among them). */
export type AnswerCounts = Record<string, Record<string, number>>;

export interface DriverOptions {
  /**
   * Keep going through an outage: a 503, a refused connection or a timeout is retried with backoff
   * (up to `persistMs`), a retried submission carries the same Idempotency-Key, and a retried command
   * found already applied (its task moved on) counts as done.
   */
  persistent?: boolean;
  persistMs?: number;
  requestTimeoutMs?: number;
}

interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
  contentType: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer a retried command gets when its first attempt was applied after all. */
const ALREADY_APPLIED: Record<string, string[]> = {
  complete: ['TASK_NOT_OPEN', 'TASK_VERSION_STALE', 'DOSSIER_CLOSED'],
  'supplement-request': ['TASK_VERSION_STALE', 'DOSSIER_PAUSED', 'SUPPLEMENT_NOT_ALLOWED'],
  'payment-request': ['TASK_VERSION_STALE', 'DOSSIER_PAUSED', 'PAYMENT_NOT_ALLOWED'],
  resubmit: ['NOT_AWAITING_SUPPLEMENT'],
  payment: ['NOT_AWAITING_PAYMENT'],
  // the rating closes the dossier, and a retried update to a workflow that has just completed is answered 404
  // (seen in the worker-kill fault); a fault run checks that every such dossier's workflow did complete
  rate: ['DOSSIER_CLOSED', 'RESULT_NOT_RETURNED', 'DOSSIER_NOT_FOUND'],
};

/** Plays dossiers through the engine's HTTP API with development tokens, as the desk, the officers and the applicants. */
export class HttpDriver {
  readonly answers: AnswerCounts = {};
  /** every dossier code a submission was answered with, in order */
  readonly codes: string[] = [];
  private seq = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  private constructor(
    readonly apiUrl: string,
    private readonly tokens: { reception: string; officer: string },
    private readonly opts: DriverOptions,
  ) {}

  static async create(apiUrl: string, dataDir: string, units: Iterable<string>, opts: DriverOptions = {}): Promise<HttpDriver> {
    const token = (roles: Array<'reception' | 'officer'>, u: string[], subject: string) => issueDevToken(dataDir, { roles, units: u, subject, ttlSeconds: 24 * 3600, audience: 'motcua' });
    return new HttpDriver(apiUrl, { reception: await token(['reception'], DESKS, 'load-desk'), officer: await token(['officer'], [...units].sort(), 'load-officer') }, opts);
  }

  private count(op: string, status: number, code?: string) {
    const m = (this.answers[op] ??= {});
    const key = code ? `${status} ${code}` : String(status);
    m[key] = (m[key] ?? 0) + 1;
  }

  /** node:http with keep-alive: the driver shares two cores with the engine, so it must spend little (fetch spent ~10× more). */
  private request(method: string, path: string, o: { as?: 'reception' | 'officer'; citizenToken?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.as) headers.authorization = `Bearer ${this.tokens[o.as]}`;
    if (o.citizenToken) headers['x-dossier-token'] = o.citizenToken;
    const payload = o.body !== undefined ? JSON.stringify(o.body) : undefined;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(`${this.apiUrl}${path}`, { method, headers, agent: this.agent, timeout: this.opts.requestTimeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> | undefined;
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body, contentType: String(res.headers['content-type'] ?? '') });
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * One operation: answered, or (persistent) retried through an outage until it is. Returns the last
   * answer and its round trip. A 5xx must be a problem document (application/problem+json).
   */
  private async operation(op: string, send: () => Promise<Answer>, accept: (a: Answer, retried: boolean) => boolean): Promise<{ a: Answer; ms: number; attempts: number }> {
    const deadline = Date.now() + (this.opts.persistMs ?? 180_000);
    let backoff = 100;
    for (let attempt = 1; ; attempt++) {
      const t0 = performance.now();
      let a: Answer;
      try {
        a = await send();
      } catch (err) {
        const cause = (err as { code?: string }).code ?? (err as Error).name;
        a = { status: 0, body: { code: `TRANSPORT_${cause}` }, contentType: '' };
      }
      const ms = performance.now() - t0;
      const code = typeof a.body?.code === 'string' ? a.body.code : undefined;
      this.count(op, a.status, a.status >= 400 || a.status === 0 ? code : undefined);
      if (a.status >= 500 && !a.contentType.startsWith('application/problem+json')) this.count(op, a.status, 'NOT_A_PROBLEM_DOCUMENT');
      if (accept(a, attempt > 1)) return { a, ms, attempts: attempt };
      const transient = a.status === 0 || a.status >= 500 || a.status === 429;
      if (!this.opts.persistent || !transient || Date.now() > deadline) return { a, ms, attempts: attempt };
      await sleep(backoff);
      backoff = Math.min(2000, backoff * 2);
    }
  }

  /** One read of a dossier as its officer would (GET /dossiers/{code}), counted like every answer; never retried. */
  async read(code: string): Promise<number> {
    let a: Answer;
    try {
      a = await this.request('GET', `/dossiers/${code}`, { as: 'officer' });
    } catch (err) {
      a = { status: 0, body: { code: `TRANSPORT_${(err as { code?: string }).code ?? (err as Error).name}` }, contentType: '' };
    }
    const code_ = typeof a.body?.code === 'string' ? a.body.code : undefined;
    this.count('read', a.status, a.status >= 400 || a.status === 0 ? code_ : undefined);
    if (a.status >= 500 && !a.contentType.startsWith('application/problem+json')) this.count('read', a.status, 'NOT_A_PROBLEM_DOCUMENT');
    return a.status;
  }

  async play(script: DossierScript): Promise<DossierRun> {
    const startedAt = Date.now();
    const run: DossierRun = { script, submitMs: 0, moves: [], ok: false, startedAt, endedAt: startedAt };
    const idempotencyKey = `load-${process.pid}-${startedAt}-${++this.seq}`;
    const body = {
      procedureCode: script.procedureCode,
      receivingUnitId: script.receivingUnitId,
      channel: 'direct',
      ...(script.receivedAt !== undefined ? { receivedAt: script.receivedAt } : {}),
      applicant: { idNumber: String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999)), fullName: 'Người dân tải thử' },
    };
    const sub = await this.operation('submit', () => this.request('POST', '/dossiers', { as: 'reception', body, headers: this.opts.persistent ? { 'idempotency-key': idempotencyKey } : {} }), (a) => a.status === 201);
    run.submitMs = sub.ms;
    if (sub.a.status !== 201) return this.fail(run, `submit: ${sub.a.status} ${String(sub.a.body?.code ?? '')}`);
    const code = String(sub.a.body!.dossierCode);
    const citizenToken = String(sub.a.body!.citizenToken);
    run.code = code;
    this.codes.push(code);
    let first = true;
    const play = async (m: Move): Promise<boolean> => {
      if (m.kind === 'parallel') return (await Promise.all(m.moves.map(play))).every(Boolean);
      const isFirst = first;
      first = false;
      const r = await this.move(code, citizenToken, m, isFirst);
      run.moves.push(r);
      return r.status === 200;
    };
    for (const m of script.moves) {
      if (!(await play(m))) {
        const bad = run.moves.find((x) => x.status !== 200)!;
        return this.fail(run, `${bad.kind}: ${bad.status} ${bad.code ?? ''}`);
      }
    }
    run.ok = true;
    run.endedAt = Date.now();
    return run;
  }

  private fail(run: DossierRun, error: string): DossierRun {
    run.error = error;
    run.endedAt = Date.now();
    return run;
  }

  private async move(code: string, citizenToken: string, m: Exclude<Move, { kind: 'parallel' }>, first: boolean): Promise<MoveResult> {
    const task = (verb: string, t: { taskId: string; unitId: string }, extra: Record<string, unknown> = {}) => () =>
      this.request('POST', `/dossiers/${code}/tasks/${encodeURIComponent(t.taskId)}/${verb}`, { as: 'officer', body: { taskVersion: 0, unitId: t.unitId, ...extra } });
    let send: () => Promise<Answer>;
    switch (m.kind) {
      case 'complete':
        send = task('complete', m, { outcome: 'approved' });
        break;
      case 'supplement-request':
        send = task('supplement-request', m, { reason: 'Thiếu bản vẽ (tải thử)', missing: ['Bản vẽ thiết kế'] });
        break;
      case 'payment-request':
        send = task('payment-request', m, { kind: 'land_levy', amountVnd: 1_500_000 });
        break;
      case 'resubmit':
        send = () => this.request('POST', `/public/dossiers/${code}/supplement`, { citizenToken, body: { componentsDigitised: 1 } });
        break;
      case 'payment':
        send = () => this.request('POST', `/dossiers/${code}/payments`, { as: 'reception', body: { source: 'applicant_payment', paidOnline: true, amountVnd: 1_500_000, reference: `LOAD-${code}` } });
        break;
      case 'rate':
        send = () => this.request('POST', `/public/dossiers/${code}/rating`, { citizenToken, body: { score: 'satisfied' } });
        break;
    }
    const applied = ALREADY_APPLIED[m.kind] ?? [];
    const r = await this.operation(m.kind, send, (a, retried) => a.status === 200 || (retried && this.opts.persistent === true && a.status === 409 && applied.includes(String(a.body?.code))));
    const ok = r.a.status === 200 || (r.attempts > 1 && this.opts.persistent === true && applied.includes(String(r.a.body?.code)));
    const sequence = r.a.status === 200 && typeof r.a.body?.sequence === 'number' ? { sequence: r.a.body.sequence } : {};
    return { kind: m.kind, ms: r.ms, status: ok ? 200 : r.a.status, ...(typeof r.a.body?.code === 'string' && !ok ? { code: r.a.body.code } : {}), first, endedAt: Date.now(), attempts: r.attempts, ...sequence };
  }
}
