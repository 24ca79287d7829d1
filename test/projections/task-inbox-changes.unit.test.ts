import { inboxChanges, snapshotInbox } from '../../projections/task-inbox-changes';
import type { Row } from '../../projections/row-batches';

const task = (id: string, o: Partial<Row> = {}): Row => ({ dossier_code: 'D-1', task_id: id, unit_id: 'u.a', status: 'open', claimed_by: null, task_version: 1, due_at: 1000, paused: false, ...o });
const state = (...rows: Row[]) => new Map([['D-1', new Map(rows.map((r) => [r.task_id as string, r]))]]);

describe('the inbox changes a batch makes (the live stream’s notifications)', () => {
  it('names tasks that arrive, change and leave, and both units of a transfer', () => {
    const before = snapshotInbox(state(task('a#1'), task('b#1'), task('c#1'), task('d#1')));
    const after = state(task('a#1'), task('b#1', { status: 'claimed', claimed_by: 'x', task_version: 2 }), task('d#1', { unit_id: 'u.b' }), task('e#1'));
    expect(inboxChanges(before, after)).toEqual([
      { u: 'u.a', d: 'D-1', t: 'b#1', k: 'updated' },
      { u: 'u.a', d: 'D-1', t: 'c#1', k: 'removed' },
      { u: 'u.a', d: 'D-1', t: 'd#1', k: 'removed' },
      { u: 'u.b', d: 'D-1', t: 'd#1', k: 'assigned' },
      { u: 'u.a', d: 'D-1', t: 'e#1', k: 'assigned' },
    ]);
  });

  it('is silent when nothing an officer sees changed', () => {
    const rows = [task('a#1', { last_sequence: 3 })];
    const before = snapshotInbox(state(...rows));
    expect(inboxChanges(before, state(task('a#1', { last_sequence: 4 })))).toEqual([]);
  });

  it('sees a change made in place by the fold (the rows are mutated)', () => {
    const s = state(task('a#1'));
    const before = snapshotInbox(s);
    s.get('D-1')!.get('a#1')!.paused = true;
    expect(inboxChanges(before, s)).toEqual([{ u: 'u.a', d: 'D-1', t: 'a#1', k: 'updated' }]);
  });
});
