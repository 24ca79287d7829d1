import type { FormNumber, FormResponse } from '../contracts/api/forms.contract';
import type { ProcedureVersion } from '../contracts/procedure.contract';
import { findUnit } from '../domain/organisation/unit-directory';
import { dossierEvents, type TimelineEvent } from '../projections/queries/dossier-page.query';
import { dossierStateQuery } from '../workflows/messages';
import type { AppDeps } from './app-deps';
import { AppError } from './errors';
import { isoOf } from './iso';
import { temporalCall } from './temporal-errors';

const TITLES: Record<FormNumber, string> = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
  '05': 'Thông báo dừng giải quyết hồ sơ',
};

/** The event each form prints (the latest one, when there were several). */
const SOURCE: Record<FormNumber, string[]> = {
  '01': ['dossier.received'],
  '02': ['dossier.supplement_requested', 'dossier.reception_supplement_requested'],
  '03': ['dossier.refused'],
  '04': ['dossier.extended'],
  '05': ['dossier.stopped'],
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The data of Forms 01–05 for printing: the pinned procedure version, the applicant (decrypted), the form's facts. */
export async function formData(deps: AppDeps, dossierCode: string, form: FormNumber, opts: { includeCitizenToken: boolean }): Promise<FormResponse> {
  const events = await dossierEvents(deps.pool, dossierCode, { types: [...new Set([...SOURCE[form], 'dossier.received', 'dossier.refused', 'dossier.reception_supplement_requested'])] });
  const source = [...events].reverse().find((e) => SOURCE[form].includes(e.type));
  if (!source) throw new AppError('FORM_NOT_AVAILABLE', `dossier ${dossierCode} has no Form ${form} (nothing it would print has happened)`);
  const state = await temporalCall(() => deps.temporal.workflow.getHandle(dossierCode).query(dossierStateQuery));
  const input = state.input;
  const applicant = await deps.applicants.read(dossierCode);
  if (!applicant) throw new AppError('APPLICANT_NOT_FOUND', `no applicant data is kept for ${dossierCode}`);
  const received = events.find((e) => e.type === 'dossier.received');
  const first = events[0] as TimelineEvent;
  const p = source.payload;
  const version: ProcedureVersion = input.procedure;
  return {
    form,
    title: TITLES[form],
    dossierCode,
    procedure: { code: input.procedureCode, name: input.procedureName, version: String(version.version) },
    receivingUnit: { id: input.unitId, name: findUnit(deps.catalog(), input.unitId)?.name ?? input.unitId },
    channel: input.channel,
    applicant: { fullName: applicant.fullName, idNumber: applicant.idNumber, phone: applicant.phone ?? null, address: applicant.address ?? null, email: applicant.email ?? null },
    receivedAt: str(received?.payload.receivedAt) ?? isoOf(first.occurredAt),
    appointmentAt: form === '04' ? str(p.appointmentAt) : (str(received?.payload.appointmentAt) ?? null),
    documents: version.documents.map((d) => ({ name: d.name, form: d.form, quantity: d.quantity, required: d.required })),
    components: { total: input.componentsTotal, digitised: input.componentsDigitised, reused: input.componentsReused },
    fees: version.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd, note: f.note ?? null })),
    citizenToken: opts.includeCitizenToken && form === '01' ? ((await deps.applicants.citizenToken(dossierCode)) ?? null) : null,
    facts: {
      issuedAt: isoOf(source.occurredAt),
      unitId: source.unitId,
      reason: str(p.reason),
      missing: Array.isArray(p.missing) ? (p.missing as string[]) : null,
      applicantDeadlineAt: str(p.applicantDeadlineAt),
      previousAppointmentAt: str(p.previousAppointmentAt),
      newAppointmentAt: form === '04' ? str(p.appointmentAt) : null,
    },
  };
}
