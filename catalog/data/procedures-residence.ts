import { ProcedureDefinitionInput } from '../../contracts/procedure.contract';
import { TWO_TIER_START } from './unit-builders';
import { doc, procedure, step, wd, wh } from './procedure-builders';

const from = TWO_TIER_START;

export const residenceProcedures: ProcedureDefinitionInput[] = [
  procedure({
    // 1.004222 "Đăng ký thường trú", 7 working days, 20,000 đ direct / 10,000 đ online (the shipped 1.004194 is tạm trú)
    code: '1.004222',
    name: 'Đăng ký thường trú',
    field: 'residence',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        legalBasis: ['Luật Cư trú 2020, Điều 22', 'Nghị định 154/2024/NĐ-CP'],
        deadlines: { legal: wd(7), committed: wd(5), online: wd(4) },
        onlineLevel: 'full',
        supplementClock: 'pause',
        documents: [
          doc('ct01', 'Tờ khai thay đổi thông tin cư trú (CT01)'),
          doc('cho-o-hop-phap', 'Giấy tờ chứng minh chỗ ở hợp pháp', 'certified_copy'),
        ],
        fees: [{ id: 'le-phi', name: 'Lệ phí đăng ký cư trú', amountVnd: 20000, note: 'miễn/giảm khi nộp trực tuyến theo quy định từng thời kỳ' }],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'police', wh(4), ['tham-dinh']),
          step('tham-dinh', 'Kiểm tra, xác minh chỗ ở', 'appraisal', 'police', wd(2), ['phe-duyet']),
          step('phe-duyet', 'Trưởng Công an xã phê duyệt, cập nhật CSDL cư trú', 'approval', 'police', wd(1), ['tra-ket-qua']),
          step('tra-ket-qua', 'Thông báo kết quả', 'result_return', 'police', wh(4)),
        ],
      },
    ],
  }),
  procedure({
    // 1.004194 "Đăng ký tạm trú" (dancuquocgia form ma_thu_tuc=1.004194); 1.004204 appears in no source; 3 wd unverified
    code: '1.004194',
    name: 'Đăng ký tạm trú',
    field: 'residence',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        legalBasis: ['Luật Cư trú 2020, Điều 28'],
        deadlines: { legal: wd(3), committed: wd(2), online: wd(2) },
        onlineLevel: 'full',
        supplementClock: 'pause',
        documents: [doc('ct01', 'Tờ khai thay đổi thông tin cư trú (CT01)'), doc('cho-o-hop-phap', 'Giấy tờ chứng minh chỗ ở hợp pháp', 'certified_copy')],
        fees: [{ id: 'le-phi', name: 'Lệ phí đăng ký cư trú', amountVnd: 15000 }],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'police', wh(2), ['tham-dinh']),
          step('tham-dinh', 'Kiểm tra hồ sơ', 'appraisal', 'police', wd(1), ['phe-duyet']),
          step('phe-duyet', 'Phê duyệt, cập nhật CSDL cư trú', 'approval', 'police', wh(4), ['tra-ket-qua']),
          step('tra-ket-qua', 'Thông báo kết quả', 'result_return', 'police', wh(2)),
        ],
      },
    ],
  }),
];
