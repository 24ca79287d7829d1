import type { DossierEvent } from '../../contracts/events';
import { Dossier } from '../dossier/helpers';
import { startInput } from '../support/dossier-fixtures';

/**
 * The fixed scenario: 17 dossiers driven through the decider at fixed instants (vn-2026.1, March
 * 2026 has no holiday; service hours 07:00–11:30, 13:30–17:00 UTC+7), covering every bucket of the
 * statistics and the indicators: early, on time, late, late with apology (Form 04), stopped, in
 * progress within, overdue and overdue with apology, a dossier entered after the fact, a parallel
 * fork, two supplement requests, a refusal, a withdrawal, a desk supplement never made. Two receiving
 * units, four real procedures:
 *   A = pt.p-phuc-yen.ttphcc, B = pt.p-xuan-hoa.ttphcc
 *   P1 = 1.001193 birth registration: 1 wd legal and committed, online level full (result always electronic)
 *   P2 = 2.000815 certified copies: 1 wd, online level partial (electronic result only when online)
 *   P3 = 1.013831 land change: legal 10 wd, committed 7 wd, online 6 wd, with a financial obligation
 *   P4 = 2.002621 birth + residence (police) + health insurance (social insurance) in parallel: legal 3 wd, committed 2 wd
 */
export const A = 'pt.p-phuc-yen.ttphcc';
export const B = 'pt.p-xuan-hoa.ttphcc';
export const P1 = '1.001193';
export const P2 = '2.000815';
export const P3 = '1.013831';
export const P4 = '2.002621';

const t = (local: string): string => `2026-${local}:00+07:00`;

export function buildScenario(): { dossiers: Record<string, Dossier>; events: DossierEvent[] } {
  const ds: Record<string, Dossier> = {};
  const start = (key: string, o: Parameters<typeof startInput>[0], components?: { digitised: number; reused: number }, enteredAt?: string) => {
    const input = startInput({ ...o, dossierCode: `STAT-260301-${key.slice(1).padStart(4, "0")}` });
    const d = Dossier.startWith(components ? { ...input, componentsDigitised: components.digitised, componentsReused: components.reused } : input, enteredAt ?? input.receivedAt).d;
    ds[key] = d;
    return d;
  };

  // D1 A/P1 direct, carried over: received Fri 27 Feb 09:00, appointment Mon 2 Mar 09:00 (360 + 120);
  // result Mon 2 Mar 08:30: on time (same local day as the appointment); processing 360 + 90 = 450
  const d1 = start('D1', { procedureCode: P1, receivingUnitId: A, receivedAt: '2026-02-27T09:00:00+07:00' });
  d1.pass('tiep-nhan#1', '2026-02-27T09:30:00+07:00');
  d1.pass('tham-dinh#1', '2026-02-27T10:30:00+07:00');
  d1.pass('ky#1', t('03-02T08:30'));
  d1.pass('tra-ket-qua#1', t('03-02T09:00'));

  // D2 A/P1 online: Mon 2 Mar 09:00, appointment Tue 09:00; result Mon 11:00: early; processing 120; rated very satisfied
  const d2 = start('D2', { procedureCode: P1, receivingUnitId: A, channel: 'online', receivedAt: t('03-02T09:00') });
  d2.pass('tiep-nhan#1', t('03-02T09:30'));
  d2.pass('tham-dinh#1', t('03-02T10:00'));
  d2.pass('ky#1', t('03-02T11:00'));
  d2.pass('tra-ket-qua#1', t('03-02T13:30'));
  d2.do({ type: 'dossier.rate', score: 'very_satisfied' }, t('03-02T14:00'));

  // D3 A/P1 post, all components digitised: Tue 3 Mar 09:00, appointment Wed 09:00; result Wed 10:00: late;
  // processing 360 + 180 = 540; a complaint about the delay
  const d3 = start('D3', { procedureCode: P1, receivingUnitId: A, channel: 'post', receivedAt: t('03-03T09:00') }, { digitised: 2, reused: 0 });
  d3.pass('tiep-nhan#1', t('03-03T09:30'));
  d3.pass('tham-dinh#1', t('03-03T14:00'));
  d3.pass('ky#1', t('03-04T10:00'));
  d3.do({ type: 'dossier.complain', category: 'delay', reference: 'PAKN-2026-0003' }, t('03-04T10:30'));
  d3.pass('tra-ket-qua#1', t('03-04T11:00'));

  // D4 B/P1 direct, two supplement requests (pause policy): Mon 9 Mar 09:00, appointment Tue 09:00;
  // Form 02 Mon 10:00 → resubmitted Wed 11 10:00 (960 min: appointment Thu 12 09:00); Form 02 again Wed 11:00
  // → resubmitted 13:30 (30 min: appointment Thu 09:30); result Wed 15:00: early against the appointment,
  // late for the KPI (more than one request). Processing 60 + 60 + 90 = 210. Rated dissatisfied.
  const d4 = start('D4', { procedureCode: P1, receivingUnitId: B, receivedAt: t('03-09T09:00') });
  d4.pass('tiep-nhan#1', t('03-09T09:30'));
  d4.claim('tham-dinh#1', t('03-09T09:40'));
  d4.do({ type: 'supplement.request', ...d4.ref('tham-dinh#1'), reason: 'Giấy chứng sinh không rõ dấu', missing: ['giay-chung-sinh'] }, t('03-09T10:00'));
  d4.do({ type: 'supplement.resubmit' }, t('03-11T10:00'));
  d4.do({ type: 'supplement.request', ...d4.ref('tham-dinh#1'), reason: 'Thiếu tờ khai', missing: ['to-khai'], applicantDeadlineAt: t('03-13T17:00') }, t('03-11T11:00'));
  d4.do({ type: 'supplement.resubmit' }, t('03-11T13:30'));
  d4.complete('tham-dinh#1', t('03-11T14:00'));
  d4.pass('ky#1', t('03-11T15:00'));
  d4.pass('tra-ket-qua#1', t('03-11T15:30'));
  d4.do({ type: 'dossier.rate', score: 'dissatisfied' }, t('03-11T16:00'));

  // D5 B/P2: refused at reception (Form 03) Tue 10 Mar 09:00: never received
  start('D5', { procedureCode: P2, receivingUnitId: B, receivedAt: t('03-10T09:00'), reception: { outcome: 'refuse', reason: 'Không thuộc thẩm quyền' } });

  // D6 A/P2 direct: Thu 5 Mar 09:00, withdrawn Thu 10:00
  const d6 = start('D6', { procedureCode: P2, receivingUnitId: A, receivedAt: t('03-05T09:00') });
  d6.pass('tiep-nhan#1', t('03-05T09:30'));
  d6.do({ type: 'dossier.withdraw', reason: 'Công dân rút hồ sơ' }, t('03-05T10:00'));

  // D7 A/P1 direct: Mon 30 Mar 09:00, appointment Tue 31 09:00; a tick at Tue 10:00 raises the dossier breach:
  // in progress, overdue at the end of March
  const d7 = start('D7', { procedureCode: P1, receivingUnitId: A, receivedAt: t('03-30T09:00') });
  d7.pass('tiep-nhan#1', t('03-30T09:30'));
  d7.tick(t('03-31T10:00'));

  // D8 B/P2 online: Tue 31 Mar 14:00, appointment Wed 1 Apr 14:00: in progress within at the end of March
  const d8 = start('D8', { procedureCode: P2, receivingUnitId: B, channel: 'online', receivedAt: t('03-31T14:00') });
  d8.pass('tiep-nhan#1', t('03-31T14:30'));

  // D9 A/P3 direct: Mon 2 Mar 09:00 (appointment Wed 11 Mar 09:00); fee requested Tue 3 14:00, paid at the desk
  // (not online) Wed 4 09:00 (pause 180 + 120 = 300); result Wed 4 10:30: early. Processing
  // Mon 360 + Tue 480 + Wed 210 − 300 = 750. Direct channel, partial online level: no electronic result.
  const d9 = start('D9', { procedureCode: P3, receivingUnitId: A, receivedAt: t('03-02T09:00') });
  d9.pass('tiep-nhan#1', t('03-02T10:00'));
  d9.pass('tham-dinh#1', t('03-03T10:00'));
  d9.pass('chuyen-thue#1', t('03-03T11:00'));
  d9.claim('nghia-vu-tai-chinh#1', t('03-03T13:30'));
  d9.do({ type: 'payment.request', ...d9.ref('nghia-vu-tai-chinh#1'), kind: 'fee', amountVnd: 100_000 }, t('03-03T14:00'));
  d9.do({ type: 'payment.record', source: 'applicant_payment', paidOnline: false, amountVnd: 100_000, reference: 'BL-0009' }, t('03-04T09:00'));
  d9.complete('nghia-vu-tai-chinh#1', t('03-04T09:30'));
  d9.pass('cap-nhat#1', t('03-04T10:30'));
  d9.pass('tra-ket-qua#1', t('03-04T11:00'));

  // D10 B/P3 online: Thu 26 Mar 09:00 (6 wd: appointment in April), fee paid online Thu 10:30: in progress within
  const d10 = start('D10', { procedureCode: P3, receivingUnitId: B, channel: 'online', receivedAt: t('03-26T09:00') });
  d10.claim('tiep-nhan#1', t('03-26T09:10'));
  d10.do({ type: 'payment.request', ...d10.ref('tiep-nhan#1'), kind: 'fee', amountVnd: 100_000 }, t('03-26T09:30'));
  d10.do({ type: 'payment.record', source: 'applicant_payment', paidOnline: true, amountVnd: 100_000, reference: 'DVC-0010' }, t('03-26T10:30'));

  // D11 A/P2 online, components digitised and one reused: Wed 18 Mar 09:00, appointment Thu 19 09:00;
  // result Thu 08:00: on time; processing 360 + 60 = 420; electronic (online)
  const d11 = start('D11', { procedureCode: P2, receivingUnitId: A, channel: 'online', receivedAt: t('03-18T09:00') }, { digitised: 2, reused: 1 });
  d11.pass('tiep-nhan#1', t('03-18T09:30'));
  d11.pass('ky#1', t('03-19T08:00'));
  d11.pass('tra-ket-qua#1', t('03-19T08:30'));

  // D12 B/P1: Form 02 at the desk Mon 16 Mar 09:00; the applicant's deadline Fri 20 17:00 passes: not received
  const d12 = start('D12', {
    procedureCode: P1,
    receivingUnitId: B,
    receivedAt: t('03-16T09:00'),
    reception: { outcome: 'supplement', reason: 'Thiếu giấy chứng sinh', missing: ['giay-chung-sinh'], applicantDeadlineAt: t('03-20T17:00') },
  });
  d12.tick(t('03-20T17:00'));

  // D13 A/P1 direct, Form 04: Mon 23 Mar 09:00, appointment Tue 24 09:00; the civil-status office apologises
  // Mon 16:00 and sets Wed 25 09:00; result Tue 11:00: late against the Form 01 appointment, with apology
  // (the KPI too). Processing 150 + 210 + 240 = 600.
  const d13 = start('D13', { procedureCode: P1, receivingUnitId: A, receivedAt: t('03-23T09:00') });
  d13.pass('tiep-nhan#1', t('03-23T09:30'));
  d13.do({ type: 'dossier.extend', unitId: 'pt.p-phuc-yen.vh-xh', officerId: 'vh-head', reason: 'Chờ xác minh nơi cư trú', newAppointmentAt: t('03-25T09:00') }, t('03-23T16:00'));
  d13.pass('tham-dinh#1', t('03-24T10:00'));
  d13.pass('ky#1', t('03-24T11:00'));
  d13.pass('tra-ket-qua#1', t('03-24T13:30'));

  // D14 A/P1 direct, entered after the fact: received Fri 6 Feb 09:00 (appointment Mon 9 Feb 09:00), entered
  // Wed 4 Mar 10:00, when its breaches fire at once: carried over into March and in progress, overdue
  start('D14', { procedureCode: P1, receivingUnitId: A, receivedAt: '2026-02-06T09:00:00+07:00' }, undefined, t('03-04T10:00'));

  // D15 A/P4 direct, the parallel fork: Tue 10 Mar 08:00, appointment Thu 12 08:00; the police branch finishes
  // Tue 14:00, social insurance Wed 09:00 (the join: result, early); both hand over to the desk (Form 06).
  // Processing 210 + 210 + 120 = 540.
  const d15 = start('D15', { procedureCode: P4, receivingUnitId: A, receivedAt: t('03-10T08:00') });
  d15.pass('tiep-nhan#1', t('03-10T08:30'));
  d15.pass('khai-sinh#1', t('03-10T10:00'));
  d15.pass('ky-khai-sinh#1', t('03-10T11:00'));
  d15.pass('thuong-tru#1', t('03-10T14:00'), 'police-1');
  d15.pass('bhyt#1', t('03-11T09:00'), 'bhxh-1');
  d15.pass('tra-ket-qua#1', t('03-11T09:30'));

  // D16 A/P2 direct, stopped (Form 05): Thu 12 Mar 09:00, appointment Fri 13 09:00; stopped Thu 10:00: early
  const d16 = start('D16', { procedureCode: P2, receivingUnitId: A, receivedAt: t('03-12T09:00') });
  d16.pass('tiep-nhan#1', t('03-12T09:30'));
  d16.do({ type: 'dossier.stop', unitId: 'pt.p-phuc-yen', officerId: 'chu-tich', reason: 'Bản chính không hợp lệ' }, t('03-12T10:00'));

  // D17 B/P1 direct, Form 04 and still open: Mon 30 Mar 09:00, appointment Tue 31 09:00, Form 04 Mon 16:00 to
  // Thu 2 Apr 09:00; a tick Tue 10:00 raises the breach at the Form 01 appointment: overdue, with apology
  const d17 = start('D17', { procedureCode: P1, receivingUnitId: B, receivedAt: t('03-30T09:00') });
  d17.pass('tiep-nhan#1', t('03-30T09:30'));
  d17.do({ type: 'dossier.extend', unitId: 'pt.p-xuan-hoa.vh-xh', officerId: 'vh-head', reason: 'Chờ kết quả xác minh', newAppointmentAt: t('04-02T09:00') }, t('03-30T16:00'));
  d17.tick(t('03-31T10:00'));

  return { dossiers: ds, events: Object.values(ds).flatMap((d) => d.log) };
}
