import { ProcedureDefinitionInput } from '../../contracts/procedure.contract';
import { TWO_TIER_START } from './unit-builders';
import { doc, procedure, step, wd, wh } from './procedure-builders';

const from = TWO_TIER_START;

export const civilStatusProcedures: ProcedureDefinitionInput[] = [
  procedure({
    // national portal: "Thủ tục đăng ký khai sinh", 1 working day, after 15:00 the next working day
    // (hongdienvbhp/BangNiemYetVinhBao: data/source-audit/dvc-api-detail-1.001193.json)
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'civil_status',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        legalBasis: ['Luật Hộ tịch 2014, Điều 16', 'Nghị định 123/2015/NĐ-CP'],
        // registered the same working day; after 15:00 the next working day
        deadlines: { legal: wd(1), committed: wd(1) },
        receptionCutOff: '15:00',
        onlineLevel: 'full',
        supplementClock: 'pause',
        documents: [doc('to-khai', 'Tờ khai đăng ký khai sinh'), doc('giay-chung-sinh', 'Giấy chứng sinh')],
        fees: [{ id: 'le-phi', name: 'Lệ phí đăng ký khai sinh', amountVnd: 0, note: 'miễn khi đăng ký đúng hạn' }],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'commune_service_centre', wh(2), ['tham-dinh']),
          step('tham-dinh', 'Công chức hộ tịch kiểm tra, ghi sổ', 'appraisal', 'commune_culture_social_office', wh(3), ['ky']),
          step('ky', 'Chủ tịch UBND xã ký Giấy khai sinh', 'signing', 'commune', wh(2), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wh(1)),
        ],
      },
    ],
  }),
  procedure({
    // code and name in the Hải Phòng commune list (12/2025); the 5 working days are unverified
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    field: 'civil_status',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        // immediately; up to 5 working days where facts must be verified
        legalBasis: ['Luật Hộ tịch 2014, Điều 18', 'Nghị định 123/2015/NĐ-CP'],
        deadlines: { legal: wd(5), committed: wd(3), online: wd(2) },
        receptionCutOff: '15:00',
        onlineLevel: 'partial',
        supplementClock: 'pause',
        documents: [
          doc('to-khai', 'Tờ khai đăng ký kết hôn'),
          doc('xac-nhan-hon-nhan', 'Giấy xác nhận tình trạng hôn nhân (khi cư trú nơi khác)', 'original', false),
        ],
        fees: [{ id: 'le-phi', name: 'Lệ phí đăng ký kết hôn', amountVnd: 0, note: 'miễn trong nước (kiểm chứng theo nghị quyết HĐND tỉnh)' }],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'commune_service_centre', wh(2), ['tham-dinh']),
          step('tham-dinh', 'Kiểm tra, xác minh', 'appraisal', 'commune_culture_social_office', wd(1), ['ky']),
          step('ky', 'Chủ tịch UBND xã ký Giấy chứng nhận kết hôn', 'signing', 'commune', wh(4), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trao Giấy chứng nhận kết hôn (hai bên có mặt)', 'result_return', 'commune_service_centre', wh(2)),
        ],
      },
    ],
  }),
  procedure({
    // Decree 63/2024 group 1: 2.002621 by its official name (the placeholder 1.011536 appears in no source).
    // Hải Phòng QĐ 3582/QĐ-UBND (2026) replaces it by 3.000722 "Liên thông điện tử: …" (a procedure of its own).
    code: '2.002621',
    name: 'Liên thông: Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
    field: 'civil_status',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        legalBasis: ['Nghị định 63/2024/NĐ-CP', 'Quyết định 296/QĐ-VPCP (2024)'],
        // whole group ≤ 3 working days (≤ 5 with verification); the birth itself the same day
        deadlines: { legal: wd(3), committed: wd(2) },
        receptionCutOff: '15:00',
        onlineLevel: 'full',
        supplementClock: 'pause',
        documents: [
          doc('to-khai-dien-tu', 'Tờ khai điện tử liên thông', 'electronic'),
          doc('giay-chung-sinh', 'Bản chụp Giấy chứng sinh', 'electronic'),
        ],
        fees: [],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ liên thông', 'reception', 'commune_service_centre', wh(1), ['khai-sinh']),
          step('khai-sinh', 'Đăng ký khai sinh điện tử', 'appraisal', 'commune_culture_social_office', wh(4), ['ky-khai-sinh']),
          step('ky-khai-sinh', 'Ký Giấy khai sinh điện tử', 'signing', 'commune', wh(2), ['thuong-tru', 'bhyt']),
          step('thuong-tru', 'Đăng ký thường trú (Công an)', 'interagency', 'police', wd(1), ['tra-ket-qua']),
          step('bhyt', 'Cấp thẻ BHYT trẻ dưới 6 tuổi (BHXH)', 'interagency', 'social_insurance', wd(1), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả liên thông', 'result_return', 'commune_service_centre', wh(1)),
        ],
      },
    ],
  }),
  procedure({
    // Decree 63/2024 group 2: 2.002622 by its official name (1.011537 was wrong); replaced in 2026 by 2.002913
    // "Liên thông điện tử: …"; the national liên thông portal routes it as ke-khai/1.006714
    code: '2.002622',
    name: 'Liên thông: Đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất',
    field: 'civil_status',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        legalBasis: ['Nghị định 63/2024/NĐ-CP', 'Quyết định 296/QĐ-VPCP (2024)'],
        // group total unverified: death same day, the two follow-ups in parallel
        deadlines: { legal: wd(5), committed: wd(4) },
        receptionCutOff: '15:00',
        onlineLevel: 'full',
        supplementClock: 'pause',
        documents: [doc('to-khai-dien-tu', 'Tờ khai điện tử liên thông', 'electronic'), doc('giay-bao-tu', 'Giấy báo tử', 'electronic')],
        fees: [],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ liên thông', 'reception', 'commune_service_centre', wh(1), ['khai-tu']),
          step('khai-tu', 'Đăng ký khai tử', 'appraisal', 'commune_culture_social_office', wh(3), ['ky-khai-tu']),
          step('ky-khai-tu', 'Ký Trích lục khai tử', 'signing', 'commune', wh(2), ['xoa-thuong-tru', 'mai-tang']),
          step('xoa-thuong-tru', 'Xóa đăng ký thường trú (Công an)', 'interagency', 'police', wd(2), ['tra-ket-qua']),
          step('mai-tang', 'Giải quyết trợ cấp mai táng (BHXH)', 'interagency', 'social_insurance', wd(3), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả liên thông', 'result_return', 'commune_service_centre', wh(2)),
        ],
      },
    ],
  }),
  procedure({
    // national portal: case 2.000815.01, 1 working day, commune (isWard), fee tiered per page
    // (hongdienvbhp/BangNiemYetVinhBao: data/source-audit/dvc-api-detail-2.000815.json)
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    field: 'certification',
    versions: [
      {
        version: 1,
        validFrom: from,
        level: 'commune',
        legalBasis: ['Nghị định 23/2015/NĐ-CP, Điều 21', 'Nghị định 280/2025/NĐ-CP', 'Quyết định 3152/QĐ-BTP'],
        deadlines: { legal: wd(1), committed: wd(1) },
        receptionCutOff: '15:00',
        onlineLevel: 'partial',
        supplementClock: 'restart',
        documents: [doc('ban-chinh', 'Bản chính giấy tờ cần chứng thực'), doc('ban-sao', 'Bản sao cần chứng thực', 'photocopy')],
        // Thông tư 226/2016/TT-BTC (national portal, 2.000815): 2,000 đ a page, 1,000 đ from page 3, at most 200,000 đ a copy
        fees: [
          {
            id: 'phi-chung-thuc',
            name: 'Phí chứng thực bản sao từ bản chính',
            amountVnd: 2000,
            per: 'page',
            tiers: [{ fromUnit: 1, amountVnd: 2000 }, { fromUnit: 3, amountVnd: 1000 }],
            maxVnd: 200000,
            note: 'trang tính theo trang của bản chính; tại cơ quan đại diện 10 USD/bản',
          },
        ],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận, đối chiếu', 'reception', 'commune_service_centre', wh(1), ['ky']),
          step('ky', 'Ký chứng thực', 'signing', 'commune', wh(5), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wh(2)),
        ],
      },
    ],
  }),
];
