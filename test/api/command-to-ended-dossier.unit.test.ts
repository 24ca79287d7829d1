import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { AppDeps } from '../../app/app-deps';
import { DEFAULT_LIMITS } from '../../app/app-deps';
import { AppError } from '../../app/errors';
import { sendCommand } from '../../app/send-command';

/**
 * How sendCommand names an update the server refused as "not found": the workflow's own status
 * decides between a dossier that does not exist and one whose workflow has just ended. (The
 * refusal itself comes from a real server in the API tier; here only the mapping is under test.)
 */
function depsWith(status: string | undefined): AppDeps {
  const handle = {
    executeUpdate: () => Promise.reject(new WorkflowNotFoundError('workflow not found for ID: X', 'X', undefined)),
    describe: () => (status === undefined ? Promise.reject(new WorkflowNotFoundError('not found', 'X', undefined)) : Promise.resolve({ status: { name: status } })),
  };
  const temporal = { workflow: { getHandle: () => handle }, withDeadline: <T>(_: number, f: () => Promise<T>) => f() } as unknown as Client;
  return { temporal, now: () => Date.now(), limits: DEFAULT_LIMITS } as unknown as AppDeps;
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'answered', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const rate = { type: 'rate', score: 'satisfied' } as never;

describe('a command refused as not found', () => {
  it('is DOSSIER_CLOSED when the workflow exists and has ended', async () => {
    await expect(codeOf(sendCommand(depsWith('COMPLETED'), 'PT.X-261202-0001', rate))).resolves.toBe('DOSSIER_CLOSED');
  });

  it('stays DOSSIER_NOT_FOUND when there is no such workflow, or it still runs', async () => {
    await expect(codeOf(sendCommand(depsWith(undefined), 'PT.X-261202-0002', rate))).resolves.toBe('DOSSIER_NOT_FOUND');
    await expect(codeOf(sendCommand(depsWith('RUNNING'), 'PT.X-261202-0003', rate))).resolves.toBe('DOSSIER_NOT_FOUND');
  });
});
