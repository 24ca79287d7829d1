import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';

/**
 * Whether the sampled dossiers' workflows each hold a pending timer (started, neither fired nor
 * cancelled), read from their histories; and when those timers are due, in hours from now.
 */
export async function armedTimerCheck(client: Client, codes: readonly string[], sample: number): Promise<{ sampled: number; armed: number; nextTimerInHours: { min: number | null; max: number | null } }> {
  const step = Math.max(1, Math.floor(codes.length / sample));
  const picked = codes.filter((_, i) => i % step === 0).slice(0, sample);
  let armed = 0;
  const dueIn: number[] = [];
  for (const code of picked) {
    const history = await client.workflow.getHandle(code).fetchHistory();
    const pending = new Map<string, number>();
    for (const e of history.events ?? []) {
      const started = e.timerStartedEventAttributes;
      if (started?.timerId) pending.set(started.timerId, tsToMs(e.eventTime!) + tsToMs(started.startToFireTimeout!));
      const ended = e.timerFiredEventAttributes?.timerId ?? e.timerCanceledEventAttributes?.timerId;
      if (ended) pending.delete(ended);
    }
    if (pending.size > 0) {
      armed++;
      dueIn.push((Math.min(...pending.values()) - Date.now()) / 3_600_000);
    }
  }
  const r = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);
  return { sampled: picked.length, armed, nextTimerInHours: { min: r(dueIn.length ? Math.min(...dueIn) : undefined), max: r(dueIn.length ? Math.max(...dueIn) : undefined) } };
}
