import type { Pool, PoolClient } from 'pg';

/**
 * Runs `f` with a client checked out of the pool. While checked out, a client whose server goes
 * away (PostgreSQL restarted) emits 'error', which the pool does not listen to then: unheard, it
 * ends the process. Here it is heard, the pending query rejects as usual, and the broken client is
 * destroyed rather than returned to the pool.
 */
export async function withClient<T>(pool: Pool, f: (db: PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => void (broken = err);
  db.on('error', onError);
  try {
    return await f(db);
  } finally {
    db.off('error', onError);
    db.release(broken);
  }
}
