import { ProcedureDefinitionInput } from '../../contracts/procedure.contract';
import { TWO_TIER_START } from './unit-builders';
import { doc, procedure, step, wmin } from './procedure-builders';

/**
 * Procedures timed in working minutes for `motcua demo`, run on the calendar open around the clock
 * with timers scaled to match: a whole dossier, warnings, breaches and apologies included, plays out
 * within a minute or two of real time. Production procedures take the same code paths.
 */
const demoVersion = {
  version: 1,
  validFrom: TWO_TIER_START,
  level: 'commune' as const,
  legalBasis: ['Demo'],
  deadlines: { legal: wmin(1.5), committed: wmin(1), online: wmin(0.8) },
  calendarVersion: 'demo-24x7',
  // a Form 04 draft 15 s before the appointment; the applicant has 2 minutes to supplement, 1 to rate
  timerSettings: { form04LeadWorkingMinutes: 0.25, supplementWindowMinutes: 2, ratingWindowMinutes: 1 },
  onlineLevel: 'full' as const,
  documents: [doc('don', 'Đơn (demo)', 'electronic')],
  fees: [],
};

export const demoProcedures: ProcedureDefinitionInput[] = [
  procedure({
    code: 'DEMO.01',
    name: 'Demo: thủ tục một đơn vị',
    field: 'demo',
    versions: [
      {
        ...demoVersion,
        supplementClock: 'pause',
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận', 'reception', 'commune_service_centre', wmin(0.15), ['tham-dinh']),
          step('tham-dinh', 'Thẩm định', 'appraisal', 'commune_culture_social_office', wmin(0.25), ['ky']),
          step('ky', 'Ký', 'signing', 'commune', wmin(0.25), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wmin(0.15)),
        ],
      },
    ],
  }),
  procedure({
    code: 'DEMO.02',
    name: 'Demo: liên thông song song (Công an, BHXH)',
    field: 'demo',
    versions: [
      {
        ...demoVersion,
        supplementClock: 'kpi-subtract',
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận', 'reception', 'commune_service_centre', wmin(0.15), ['ho-tich']),
          step('ho-tich', 'Đăng ký hộ tịch', 'appraisal', 'commune_culture_social_office', wmin(0.2), ['cong-an', 'bhxh']),
          step('cong-an', 'Công an đăng ký cư trú', 'interagency', 'police', wmin(0.3), ['tra-ket-qua']),
          step('bhxh', 'BHXH cấp thẻ', 'interagency', 'social_insurance', wmin(0.35), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wmin(0.15)),
        ],
      },
    ],
  }),
  procedure({
    code: 'DEMO.03',
    name: 'Demo: có nghĩa vụ tài chính (đất đai, thuế)',
    field: 'demo',
    versions: [
      {
        ...demoVersion,
        supplementClock: 'restart',
        hasFinancialObligation: true,
        steps: [
          step('tiep-nhan', 'Tiếp nhận', 'reception', 'commune_service_centre', wmin(0.15), ['tham-dinh']),
          step('tham-dinh', 'Chi nhánh VPĐKĐĐ thẩm định', 'appraisal', 'land_registration_branch', wmin(0.2), ['thue']),
          step('thue', 'Cơ quan thuế thông báo nghĩa vụ', 'interagency', 'tax_office', wmin(0.2), ['nop-tien']),
          step('nop-tien', 'Người dân nộp tiền', 'financial_obligation', 'tax_office', wmin(0.15), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wmin(0.15)),
        ],
      },
    ],
  }),
];
