import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, workflowBundle } from '../support/workflow-harness';

jest.setTimeout(120_000);

/**
 * Histories recorded from the lifecycle scenarios (MOTCUA_RECORD_HISTORIES=1 npm test -- --selectProjects workflow)
 * are committed; replaying them through today's workflow code catches any non-deterministic change
 * that would break dossiers in flight. A change that must alter behaviour goes behind `patched()`.
 */
describe('replay of committed workflow histories', () => {
  // v1/ holds histories of workflows started before the keep-timer patch, v2/ of those started before the
  // lean-history patch (search attributes upserted at every hand-off, one marker per older patch), v3/ of those
  // started before the stable-decision-instants patch (decisions at the workflow task's clock): they must replay forever
  const files = fs.existsSync(HISTORIES_DIR)
    ? (fs.readdirSync(HISTORIES_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort()
    : [];

  it('has the recorded scenarios to replay', () => {
    const scenarios = [
      'single-unit-on-time',
      'interagency-parallel',
      'supplement-pause',
      'supplement-kpi-subtract',
      'supplement-restart-and-payment',
      'extension',
      'breach-escalation',
      'withdrawal',
      'reorganisation',
      'concurrent-claims',
      'supplement-expired',
    ];
    expect(files).toEqual(expect.arrayContaining([...scenarios.map((s) => `${s}.json`), ...scenarios.map((s) => `v1/${s}.json`), ...scenarios.map((s) => `v2/${s}.json`), ...scenarios.map((s) => `v3/${s}.json`)]));
    // recorded after the Form 04 patch: the new rule's timers must replay too
    expect(files).toEqual(expect.arrayContaining(['form04-late-with-apology.json', 'v2/form04-late-with-apology.json', 'v3/form04-late-with-apology.json']));
  });

  it('records the newest patch in the current histories (so they guard its code path)', () => {
    // a patch marker's data is a JSON payload {id, deprecated}, base64-encoded in the history
    const marker = Buffer.from(JSON.stringify({ id: 'stable-decision-instants', deprecated: false })).toString('base64');
    const current = files.filter((f) => !f.includes('/'));
    expect(current.length).toBeGreaterThan(0);
    expect(current.filter((f) => !fs.readFileSync(path.join(HISTORIES_DIR, f), 'utf8').includes(marker))).toEqual([]);
  });

  it('replays every history without non-determinism', async () => {
    const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, f), 'utf8')) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
