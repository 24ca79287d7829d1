import type { Pool, PoolClient } from 'pg';
import type { InboxChange } from '../contracts/api/pages.contract';
import { TASK_INBOX_CHANNEL, type InboxChangeNote } from '../projections/task-inbox-changes';

/** Changes of one unit's inbox; `resync` when notifications may have been lost (the listener reconnected). */
export type InboxListener = (ev: { kind: 'change'; unitId: string; changes: InboxChange[] } | { kind: 'resync' }) => void;

/**
 * One LISTEN connection per API process fans the task-inbox projection's notifications out to every
 * open inbox stream. The inbox is state, not a log: a stream that (re)connects reads the inbox again,
 * so nothing is replayed; a lost listener connection is re-opened and every stream told to re-read.
 */
export interface InboxChangeHub {
  /** Calls `listener` for the unit's changes; resolves once the hub listens (so a read after it misses nothing). */
  subscribe(unitId: string, listener: InboxListener): Promise<() => void>;
  close(): Promise<void>;
}

export function createInboxChangeHub(pool: Pool, log: (msg: string) => void = () => undefined): InboxChangeHub {
  const byUnit = new Map<string, Set<InboxListener>>();
  let client: PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let everConnected = false;

  const deliver = (payload: string | undefined) => {
    let notes: InboxChangeNote[];
    try {
      notes = JSON.parse(payload ?? '[]') as InboxChangeNote[];
    } catch {
      return;
    }
    const perUnit = new Map<string, InboxChange[]>();
    for (const n of notes) {
      if (!byUnit.has(n.u)) continue;
      const list = perUnit.get(n.u) ?? [];
      list.push({ dossierCode: n.d, taskId: n.t, change: n.k });
      perUnit.set(n.u, list);
    }
    for (const [unitId, changes] of perUnit) for (const l of byUnit.get(unitId) ?? []) l({ kind: 'change', unitId, changes });
  };

  const retry = () => {
    if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
  };

  function connect(): Promise<void> {
    if (closed || client) return Promise.resolve();
    connecting ??= (async () => {
      try {
        const c = await pool.connect();
        c.on('notification', (msg) => {
          if (msg.channel === TASK_INBOX_CHANNEL) deliver(msg.payload);
        });
        c.on('error', () => {
          client = undefined;
          c.release(true);
          retry();
        });
        await c.query(`LISTEN ${TASK_INBOX_CHANNEL}`);
        client = c;
        // after a lost connection, what was notified meanwhile is gone: every stream re-reads its inbox
        if (everConnected) for (const set of byUnit.values()) for (const l of set) l({ kind: 'resync' });
        everConnected = true;
      } catch (err) {
        log(`inbox changes: LISTEN failed (${(err as Error).message}); retrying`);
        retry();
        throw err;
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  }

  return {
    async subscribe(unitId, listener) {
      const set = byUnit.get(unitId) ?? new Set();
      set.add(listener);
      byUnit.set(unitId, set);
      await connect();
      return () => {
        set.delete(listener);
        if (set.size === 0) byUnit.delete(unitId);
      };
    },
    async close() {
      closed = true;
      byUnit.clear();
      await connecting?.catch(() => undefined);
      const c = client;
      client = undefined;
      if (c) {
        await c.query(`UNLISTEN ${TASK_INBOX_CHANNEL}`).catch(() => undefined);
        c.release();
      }
    },
  };
}
