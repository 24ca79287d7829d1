import { ProcedureDefinitionInput } from '../../contracts/procedure.contract';
import { TWO_TIER_START } from './unit-builders';
import { doc, procedure, step, wd, wh } from './procedure-builders';

export const socialInsuranceProcedures: ProcedureDefinitionInput[] = [
  procedure({
    code: '1.012088', // code unverified
    name: 'Giải quyết hưởng bảo hiểm xã hội một lần',
    field: 'social_insurance',
    versions: [
      {
        version: 1,
        validFrom: TWO_TIER_START,
        level: 'province',
        legalBasis: ['Luật Bảo hiểm xã hội 2024 (hiệu lực 01/7/2025); thời hạn 10 ngày làm việc cần kiểm chứng'],
        deadlines: { legal: wd(10), committed: wd(7), online: wd(5) },
        onlineLevel: 'full',
        supplementClock: 'kpi-subtract',
        documents: [doc('so-bhxh', 'Sổ bảo hiểm xã hội'), doc('don-de-nghi', 'Đơn đề nghị hưởng BHXH một lần (Mẫu 14-HSB)')],
        fees: [],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'social_insurance', wh(4), ['tham-dinh']),
          step('tham-dinh', 'Xét duyệt quá trình đóng', 'appraisal', 'social_insurance', wd(4), ['phe-duyet']),
          step('phe-duyet', 'Ký quyết định hưởng', 'approval', 'social_insurance', wd(1), ['tra-ket-qua']),
          step('tra-ket-qua', 'Chi trả, trả quyết định', 'result_return', 'social_insurance', wh(4)),
        ],
      },
    ],
  }),
];
