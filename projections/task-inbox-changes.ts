import type { PoolClient } from 'pg';
import type { Row } from './row-batches';

/** Channel the inbox's live stream listens on; each payload is a JSON array of changes (see InboxChangeNote). */
export const TASK_INBOX_CHANNEL = 'motcua_task_inbox';

/** One task that entered, changed in or left a unit's inbox: unit, dossier, task, kind. Short keys: a NOTIFY payload is at most 8000 bytes. */
export interface InboxChangeNote {
  u: string;
  d: string;
  t: string;
  k: 'assigned' | 'updated' | 'removed';
}

/** What an officer's list shows of a task: a change in any of these is a change of the inbox. */
const fingerprint = (r: Row): string => [r.unit_id, r.status, r.claimed_by, r.task_version, r.due_at, r.paused].join('|');

export type InboxSnapshot = Map<string, Map<string, { unit: string; print: string }>>;

/** The inbox rows of a batch's dossiers before the batch is folded over them (the fold mutates rows in place). */
export function snapshotInbox(state: Map<string, Map<string, Row>>): InboxSnapshot {
  const out: InboxSnapshot = new Map();
  for (const [code, tasks] of state) out.set(code, new Map([...tasks].map(([id, r]) => [id, { unit: r.unit_id as string, print: fingerprint(r) }])));
  return out;
}

/** The changes between the snapshot and the folded state; a transfer leaves one unit and enters another. */
export function inboxChanges(before: InboxSnapshot, after: Map<string, Map<string, Row>>): InboxChangeNote[] {
  const out: InboxChangeNote[] = [];
  for (const code of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(code) ?? new Map<string, { unit: string; print: string }>();
    const now = after.get(code) ?? new Map<string, Row>();
    for (const [task, w] of was) {
      const r = now.get(task);
      if (!r) out.push({ u: w.unit, d: code, t: task, k: 'removed' });
      else if (r.unit_id !== w.unit) out.push({ u: w.unit, d: code, t: task, k: 'removed' }, { u: r.unit_id as string, d: code, t: task, k: 'assigned' });
      else if (fingerprint(r) !== w.print) out.push({ u: w.unit, d: code, t: task, k: 'updated' });
    }
    for (const [task, r] of now) if (!was.has(task)) out.push({ u: r.unit_id as string, d: code, t: task, k: 'assigned' });
  }
  return out;
}

const PER_NOTIFICATION = 40;

/** Sent when the consumer's transaction commits (never for a batch that rolls back), in chunks that fit a payload. */
export async function notifyInboxChanges(db: PoolClient, changes: InboxChangeNote[]): Promise<void> {
  if (changes.length === 0) return;
  const chunks: string[] = [];
  for (let i = 0; i < changes.length; i += PER_NOTIFICATION) chunks.push(JSON.stringify(changes.slice(i, i + PER_NOTIFICATION)));
  await db.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [TASK_INBOX_CHANNEL, chunks]);
}
