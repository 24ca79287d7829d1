import { ProcedureDefinitionInput } from '../../contracts/procedure.contract';
import { HISTORY_START, THREE_TIER_END, TWO_TIER_START } from './unit-builders';
import { cd, doc, procedure, step, wd, wh } from './procedure-builders';

const householdDocs = [
  doc('giay-de-nghi', 'Giấy đề nghị đăng ký hộ kinh doanh'),
  doc('bien-ban-hop', 'Biên bản họp thành viên hộ gia đình (nếu nhiều thành viên)', 'original', false),
];
const householdFees = [{ id: 'le-phi', name: 'Lệ phí đăng ký hộ kinh doanh', amountVnd: 100000, note: 'mức theo nghị quyết HĐND tỉnh, cần kiểm chứng' }];

export const businessInvestmentProcedures: ProcedureDefinitionInput[] = [
  procedure({
    // 1.001612 "Đăng ký thành lập hộ kinh doanh" (Hải Phòng commune list, 27/5/2026); 2.000720 is the change
    // of a household business's registration. 3 wd unverified.
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'business_registration',
    versions: [
      {
        version: 1,
        validFrom: HISTORY_START,
        validTo: THREE_TIER_END,
        level: 'district',
        legalBasis: ['Nghị định 01/2021/NĐ-CP, Điều 88'],
        deadlines: { legal: wd(3), committed: wd(2), online: wh(12) },
        onlineLevel: 'full',
        supplementClock: 'restart',
        documents: householdDocs,
        fees: householdFees,
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'district_one_stop', wh(2), ['tham-dinh']),
          step('tham-dinh', 'Kiểm tra hồ sơ', 'appraisal', 'district_finance_planning_office', wd(1), ['ky']),
          step('ky', 'Ký Giấy chứng nhận đăng ký hộ kinh doanh', 'signing', 'district_finance_planning_office', wh(4), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'district_one_stop', wh(2)),
        ],
      },
      {
        version: 2,
        validFrom: TWO_TIER_START,
        level: 'commune',
        legalBasis: ['Nghị định 168/2025/NĐ-CP (đăng ký doanh nghiệp, hộ kinh doanh; cần kiểm chứng điều khoản)'],
        deadlines: { legal: wd(3), committed: wd(2), online: wh(12) },
        onlineLevel: 'full',
        supplementClock: 'restart',
        documents: householdDocs,
        fees: householdFees,
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'commune_service_centre', wh(2), ['tham-dinh']),
          step('tham-dinh', 'Kiểm tra hồ sơ', 'appraisal', 'commune_economic_office', wd(1), ['ky']),
          step('ky', 'Ký Giấy chứng nhận đăng ký hộ kinh doanh', 'signing', 'commune_economic_office', wh(4), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wh(2)),
        ],
      },
    ],
  }),
  procedure({
    // 2.001610 is "đăng ký thành lập doanh nghiệp tư nhân" (national portal, 3 working days, Sở Tài chính,
    // NĐ 168/2025; VoidKeishi/OpenGOV: data/curated/2.001610.json); the 2+ member LLC's code is not confirmed
    code: '2.001610',
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: 'business_registration',
    versions: [
      {
        version: 1,
        validFrom: TWO_TIER_START,
        level: 'province',
        legalBasis: ['Luật Doanh nghiệp 2020, Điều 26', 'Nghị định 168/2025/NĐ-CP'],
        deadlines: { legal: wd(3), committed: wd(2), online: wh(12) },
        onlineLevel: 'full',
        supplementClock: 'restart',
        documents: [doc('giay-de-nghi', 'Giấy đề nghị đăng ký doanh nghiệp tư nhân'), doc('giay-to-phap-ly', 'Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân', 'certified_copy')],
        fees: [{ id: 'le-phi', name: 'Lệ phí đăng ký doanh nghiệp', amountVnd: 50000, note: 'miễn khi nộp trực tuyến (cần kiểm chứng)' }],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'dept_finance', wh(2), ['tham-dinh']),
          step('tham-dinh', 'Phòng Đăng ký kinh doanh kiểm tra', 'appraisal', 'dept_finance', wd(1), ['ky']),
          step('ky', 'Cấp Giấy chứng nhận đăng ký doanh nghiệp', 'signing', 'dept_finance', wh(4), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'dept_finance', wh(2)),
        ],
      },
    ],
  }),
  procedure({
    // "1.009645.H38 Chấp thuận chủ trương đầu tư thuộc thẩm quyền của UBND cấp tỉnh" (Lào Cai iGate); 35 days unverified
    code: '1.009645',
    name: 'Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh',
    field: 'investment',
    versions: [
      {
        version: 1,
        validFrom: TWO_TIER_START,
        level: 'province',
        legalBasis: ['Luật Đầu tư 2020, Điều 32, 33', 'Nghị định 31/2021/NĐ-CP, Điều 32 (35 ngày)'],
        deadlines: { legal: cd(35), committed: wd(20) },
        onlineLevel: 'partial',
        supplementClock: 'pause',
        documents: [
          doc('van-ban-de-nghi', 'Văn bản đề nghị thực hiện dự án đầu tư'),
          doc('de-xuat-du-an', 'Đề xuất dự án đầu tư'),
          doc('nang-luc-tai-chinh', 'Tài liệu chứng minh năng lực tài chính', 'certified_copy'),
        ],
        fees: [],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'province_service_centre', wh(4), ['kiem-tra']),
          step('kiem-tra', 'Sở Tài chính kiểm tra, gửi lấy ý kiến', 'appraisal', 'dept_finance', wd(2), ['y-kien-xay-dung', 'y-kien-nn-mt']),
          step('y-kien-xay-dung', 'Sở Xây dựng cho ý kiến (quy hoạch)', 'interagency', 'dept_construction', wd(5), ['bao-cao-tham-dinh']),
          step('y-kien-nn-mt', 'Sở Nông nghiệp và Môi trường cho ý kiến (đất đai)', 'interagency', 'dept_agriculture_environment', wd(5), ['bao-cao-tham-dinh']),
          step('bao-cao-tham-dinh', 'Lập báo cáo thẩm định', 'appraisal', 'dept_finance', wd(5), ['chap-thuan']),
          step('chap-thuan', 'UBND tỉnh quyết định chấp thuận', 'approval', 'province', wd(5), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'province_service_centre', wh(4)),
        ],
      },
    ],
  }),
  procedure({
    code: '1.009650', // code unverified
    name: 'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư',
    field: 'investment',
    versions: [
      {
        version: 1,
        validFrom: TWO_TIER_START,
        level: 'province',
        legalBasis: ['Luật Đầu tư 2020, Điều 38 (15 ngày)'],
        deadlines: { legal: cd(15), committed: wd(10) },
        onlineLevel: 'partial',
        supplementClock: 'pause',
        documents: [doc('van-ban-de-nghi', 'Văn bản đề nghị cấp Giấy chứng nhận đăng ký đầu tư'), doc('de-xuat-du-an', 'Đề xuất dự án đầu tư')],
        fees: [],
        hasFinancialObligation: false,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'province_service_centre', wh(4), ['tham-dinh']),
          step('tham-dinh', 'Thẩm định hồ sơ', 'appraisal', 'dept_finance', wd(6), ['ky']),
          step('ky', 'Ký Giấy chứng nhận đăng ký đầu tư', 'signing', 'dept_finance', wd(2), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'province_service_centre', wh(4)),
        ],
      },
    ],
  }),
];
