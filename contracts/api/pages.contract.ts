import { z } from 'zod';
import { DossierCode } from '../dossier.contract';
import { FormNumber } from './forms.contract';

/**
 * Shapes the web pages need beyond the rest of the API: the inbox's live stream, time consumed
 * per unit over a period (the supervisor's chart) and the PDF of a form.
 */

/** One task of a unit's inbox that appeared, changed (claimed, paused, due moved) or left it. */
export const InboxChange = z
  .object({ dossierCode: DossierCode, taskId: z.string(), change: z.enum(['assigned', 'updated', 'removed']) })
  .meta({ id: 'InboxChange' });
export type InboxChange = z.infer<typeof InboxChange>;

/**
 * A server-sent event of /units/{unitId}/inbox/stream. `inbox-ready` is sent once the stream listens
 * (and again after the server lost its database listener): the client reads the inbox then, so it misses
 * nothing. `inbox-change` lists what changed in the unit's inbox, in the order the read model committed it.
 */
export const InboxStreamMessage = z
  .object({ unitId: z.string(), changes: z.array(InboxChange) })
  .meta({ id: 'InboxStreamMessage', description: 'Data of the server-sent events `inbox-ready` (changes empty) and `inbox-change` of /units/{unitId}/inbox/stream.' });
export type InboxStreamMessage = z.infer<typeof InboxStreamMessage>;

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');
export const UnitConsumptionQuery = z.object({ from: LocalDate, to: LocalDate, unitId: z.string().min(1).max(128).optional() }).strict();

/** Working time each handling unit consumed on the dossiers whose processing ended in the period. */
export const UnitConsumptionResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string().nullable(),
        dossiers: z.number().int(),
        tasksFinished: z.number().int(),
        consumedWorkingMinutes: z.number(),
        /** consumed ÷ dossiers, one decimal; null without dossiers. */
        averageWorkingMinutesPerDossier: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'UnitConsumptionResponse' });
export type UnitConsumptionResponse = z.infer<typeof UnitConsumptionResponse>;

export const FormPdfParams = z.object({ code: DossierCode, form: FormNumber }).strict();
