import type { EngineHarness, HttpAnswer } from './engine-harness';
import { AN } from './applicants';
import { waitUntil } from './wait-until';

export const DESK = 'pt.p-phuc-yen.ttphcc';
export const WARD = 'pt.p-phuc-yen';
export const VHXH = 'pt.p-phuc-yen.vh-xh';
export const OTHER_DESK = 'pt.p-xuan-hoa.ttphcc';
export const OTHER_WARD = 'pt.p-xuan-hoa';

export interface Problem {
  code: string;
  status: number;
  detail?: string;
  issues?: Array<{ path: string; message: string }>;
}

export interface OpenTask {
  taskId: string;
  stepId: string;
  unitId: string;
  taskVersion: number;
  status: string;
  claimedBy: string | null;
}

export interface CommandAnswer {
  sequence: number;
  statusCode: number;
  phase: string;
  events: Array<{ id: string; type: string }>;
}

/** Officers' and the desk's moves over HTTP, with waits on the read models where the API reads them. */
export class ApiDriver {
  constructor(readonly h: EngineHarness) {}

  async submit(token: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<HttpAnswer<{ dossierCode: string; citizenToken: string; appointmentAt: string | null; outcome: string }>> {
    return this.h.http('POST', '/dossiers', {
      token,
      headers,
      body: { procedureCode: '1.001193', receivingUnitId: DESK, channel: 'direct', applicant: AN, ...body },
    });
  }

  /** Submits and expects a receipt. */
  async received(token: string, body: Record<string, unknown> = {}): Promise<{ code: string; citizenToken: string }> {
    const r = await this.submit(token, body);
    if (r.status !== 201) throw new Error(`submission failed: ${r.status} ${r.text}`);
    return { code: r.body.dossierCode, citizenToken: r.body.citizenToken };
  }

  /** The dossier's open tasks as the read model has them, once `ready` holds. */
  async openTasks(token: string, code: string, ready: (tasks: OpenTask[]) => boolean = (t) => t.length > 0): Promise<OpenTask[]> {
    return waitUntil(async () => {
      const r = await this.h.http<{ openTasks: OpenTask[] }>('GET', `/dossiers/${code}`, { token });
      return r.status === 200 && ready(r.body.openTasks) ? r.body.openTasks : undefined;
    }, `open tasks of ${code}`);
  }

  async task(token: string, code: string, stepId: string): Promise<OpenTask> {
    const tasks = await this.openTasks(token, code, (t) => t.some((x) => x.stepId === stepId));
    return tasks.find((x) => x.stepId === stepId)!;
  }

  act(token: string, code: string, taskId: string, verb: string, body: Record<string, unknown>): Promise<HttpAnswer<CommandAnswer & Problem>> {
    return this.h.http('POST', `/dossiers/${code}/tasks/${encodeURIComponent(taskId)}/${verb}`, { token, body });
  }

  /** Completes the open task of a step (claiming it implicitly), once the read model shows it. */
  async complete(token: string, code: string, stepId: string, body: Record<string, unknown> = {}): Promise<CommandAnswer> {
    const t = await this.task(token, code, stepId);
    const r = await this.act(token, code, t.taskId, 'complete', { taskVersion: t.taskVersion, ...body });
    if (r.status !== 200) throw new Error(`complete ${t.taskId} failed: ${r.status} ${r.text}`);
    return r.body;
  }

  dossierCommand(token: string, code: string, verb: string, body: Record<string, unknown>): Promise<HttpAnswer<CommandAnswer & Problem>> {
    return this.h.http('POST', `/dossiers/${code}/${verb}`, { token, body });
  }

  async status(token: string, code: string, statusCode: number): Promise<void> {
    await waitUntil(async () => {
      const r = await this.h.http<{ statusCode: number; source: string }>('GET', `/dossiers/${code}`, { token });
      return r.body.statusCode === statusCode && r.body.source === 'read-model' ? true : undefined;
    }, `${code} at status ${statusCode}`);
  }
}
