import { ProcedureDefinitionInput, ProcedureVersion } from '../../contracts/procedure.contract';
import { HISTORY_START, THREE_TIER_END, TWO_TIER_START } from './unit-builders';
import { cd, doc, procedure, step, wd, wh } from './procedure-builders';

const common = {
  // the Law says "15 ngày"; many portals publish it as working days (to verify)
  deadlines: { legal: cd(15), committed: wd(10) },
  onlineLevel: 'partial' as const,
  supplementClock: 'restart' as const,
  documents: [
    doc('don', 'Đơn đề nghị cấp giấy phép xây dựng'),
    doc('giay-to-dat', 'Giấy tờ chứng minh quyền sử dụng đất', 'certified_copy'),
    doc('ban-ve', 'Bản vẽ thiết kế xây dựng'),
  ],
  fees: [{ id: 'le-phi', name: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', amountVnd: 75000, note: 'mức theo nghị quyết HĐND tỉnh, cần kiểm chứng' }],
  hasFinancialObligation: false,
} satisfies Partial<ProcedureVersion>;

export const constructionProcedures: ProcedureDefinitionInput[] = [
  procedure({
    code: '1.009994', // code unverified
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'construction',
    versions: [
      {
        version: 1,
        validFrom: HISTORY_START,
        validTo: THREE_TIER_END,
        level: 'district',
        legalBasis: ['Luật Xây dựng 2014 (sửa đổi 2020), Điều 102', 'Nghị định 15/2021/NĐ-CP; Nghị định 175/2024/NĐ-CP'],
        ...common,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'district_one_stop', wh(4), ['tham-dinh']),
          step('tham-dinh', 'Thẩm định hồ sơ, kiểm tra thực địa', 'appraisal', 'district_urban_management_office', wd(5), ['trinh-ky']),
          step('trinh-ky', 'Trình cấp giấy phép', 'approval', 'district_urban_management_office', wd(2), ['ky']),
          step('ky', 'UBND cấp huyện ký giấy phép', 'signing', 'district', wd(1), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả giấy phép', 'result_return', 'district_one_stop', wh(4)),
        ],
      },
      {
        version: 2,
        validFrom: TWO_TIER_START,
        level: 'commune',
        legalBasis: ['Luật Xây dựng 2014 (sửa đổi 2020), Điều 102', 'Nghị định 175/2024/NĐ-CP', 'Nghị định 140/2025/NĐ-CP (phân quyền cho cấp xã; cần kiểm chứng)'],
        ...common,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'commune_service_centre', wh(4), ['tham-dinh']),
          step('tham-dinh', 'Thẩm định hồ sơ, kiểm tra thực địa', 'appraisal', 'commune_economic_office', wd(5), ['trinh-ky']),
          step('trinh-ky', 'Trình cấp giấy phép', 'approval', 'commune_economic_office', wd(2), ['ky']),
          step('ky', 'Chủ tịch UBND xã ký giấy phép', 'signing', 'commune', wd(1), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả giấy phép', 'result_return', 'commune_service_centre', wh(4)),
        ],
      },
    ],
  }),
];
