import { z } from 'zod';
import type { Principal } from '../contracts/api/principal.contract';
import type { InboxResponse } from '../contracts/api/reads.contract';
import { inboxPage, type InboxItem, type InboxView } from '../projections/queries/task-inbox.query';
import type { AppDeps } from './app-deps';
import { decodeCursor, encodeCursor } from './cursor';
import { isoOf } from './iso';

const InboxCursor = z.object({ dueAt: z.number().int(), dossierCode: z.string(), taskId: z.string() }).strict();

export function inboxItemView(i: InboxItem): InboxResponse['items'][number] {
  return {
    dossierCode: i.dossierCode,
    taskId: i.taskId,
    stepId: i.stepId,
    stepName: i.stepName,
    stepKind: i.stepKind,
    unitId: i.unitId,
    procedureCode: i.procedureCode,
    assignedAt: isoOf(i.assignedAt),
    dueAt: isoOf(i.dueAt),
    allotmentWorkingMinutes: i.allotmentWorkingMinutes,
    status: i.status,
    claimedBy: i.claimedBy,
    taskVersion: i.taskVersion,
    paused: i.paused,
    pausedReason: i.pausedReason,
    remainingWorkingMinutes: i.remainingWorkingMinutes,
    deadlineStatus: i.deadlineStatus,
  };
}

/** A unit's inbox, one view and page at a time, earliest due first. */
export async function unitInbox(
  deps: AppDeps,
  principal: Principal,
  unitId: string,
  q: { view: InboxView; procedureCode?: string; status?: 'open' | 'claimed'; limit: number; cursor?: string },
): Promise<InboxResponse> {
  const page = await inboxPage(
    deps.pool,
    {
      unitId,
      view: q.view,
      officerId: principal.subject,
      ...(q.procedureCode !== undefined ? { procedureCode: q.procedureCode } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      limit: q.limit,
      ...(q.cursor !== undefined ? { after: decodeCursor(InboxCursor, q.cursor) } : {}),
    },
    deps.now(),
  );
  return { unitId, view: q.view, items: page.items.map(inboxItemView), counts: page.counts, nextCursor: page.next ? encodeCursor(page.next) : null };
}
