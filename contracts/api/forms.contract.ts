import { z } from 'zod';
import { Channel, DossierCode, Instant } from '../dossier.contract';

export const FormNumber = z.enum(['01', '02', '03', '04', '05']);
export type FormNumber = z.infer<typeof FormNumber>;
export const FormParams = z.object({ code: DossierCode, form: FormNumber }).strict();

/**
 * The data of Forms 01–05 (Circular 03/2025/TT-VPCP appendix): 01 receipt and appointment, 02
 * supplement request, 03 refusal, 04 apology and new appointment, 05 stop notice. Personal data
 * (the applicant) is included: every read is written to the access log.
 */
export const FormResponse = z
  .object({
    form: FormNumber,
    title: z.string(),
    dossierCode: DossierCode,
    procedure: z.object({ code: z.string(), name: z.string(), version: z.string() }),
    receivingUnit: z.object({ id: z.string(), name: z.string() }),
    channel: Channel,
    applicant: z.object({ fullName: z.string(), idNumber: z.string(), phone: z.string().nullable(), address: z.string().nullable(), email: z.string().nullable() }),
    receivedAt: Instant,
    appointmentAt: Instant.nullable(),
    documents: z.array(z.object({ name: z.string(), form: z.string(), quantity: z.number().int(), required: z.boolean() })),
    components: z.object({ total: z.number().int(), digitised: z.number().int(), reused: z.number().int() }),
    fees: z.array(z.object({ name: z.string(), amountVnd: z.number().int(), note: z.string().nullable() })),
    /** Printed on Form 01 for the applicant's online supplement and rating; shown to reception and admins only. */
    citizenToken: z.string().nullable(),
    /** The facts of this form: Form 02 reason, missing and deadline; 03 reason; 04 reason, previous and new appointment; 05 reason. */
    facts: z.object({
      issuedAt: Instant.nullable(),
      unitId: z.string().nullable(),
      reason: z.string().nullable(),
      missing: z.array(z.string()).nullable(),
      applicantDeadlineAt: Instant.nullable(),
      previousAppointmentAt: Instant.nullable(),
      newAppointmentAt: Instant.nullable(),
    }),
  })
  .meta({ id: 'FormResponse' });
export type FormResponse = z.infer<typeof FormResponse>;

export const ApplicantResponse = z
  .object({ dossierCode: DossierCode, fullName: z.string(), idNumber: z.string(), phone: z.string().nullable(), address: z.string().nullable(), email: z.string().nullable() })
  .meta({ id: 'ApplicantResponse' });
