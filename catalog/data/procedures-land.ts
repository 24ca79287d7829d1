import { ProcedureDefinitionInput } from '../../contracts/procedure.contract';
import { THREE_TIER_END, TWO_TIER_START } from './unit-builders';
import { doc, procedure, step, wd, wh } from './procedure-builders';

const landDocs = [
  doc('don-dang-ky', 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu 04/ĐK)'),
  doc('giay-to-nguon-goc', 'Giấy tờ về quyền sử dụng đất', 'certified_copy'),
  doc('chung-tu-nghia-vu', 'Chứng từ thực hiện nghĩa vụ tài chính', 'original', false),
];
const landFees = [
  { id: 'le-phi-cap-gcn', name: 'Lệ phí cấp Giấy chứng nhận', amountVnd: 100000, note: 'mức theo nghị quyết HĐND tỉnh, cần kiểm chứng' },
  { id: 'phi-tham-dinh', name: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', amountVnd: 500000, note: 'mức theo nghị quyết HĐND tỉnh, cần kiểm chứng' },
];
// the applicant's time to pay and public-notice periods do not count (Decree 101/2024, Art. 22);
// QĐ 2304/QĐ-BNNMT (23/6/2025): 17 working days to register, 20 in all with the certificate
const firstRegistrationDeadlines = { legal: wd(20), committed: wd(17) };

export const landProcedures: ProcedureDefinitionInput[] = [
  procedure({
    // 1.013978 from 1 July 2025 (QĐ 2304/QĐ-BNNMT); the shipped 1.012766 is "Xóa đăng ký thuê, cho thuê lại
    // quyền sử dụng đất …". The code of the district-era version 1 is not verified.
    code: '1.013978',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    field: 'land',
    versions: [
      {
        version: 1,
        validFrom: '2024-08-01',
        validTo: THREE_TIER_END,
        level: 'district',
        legalBasis: ['Luật Đất đai 2024', 'Nghị định 101/2024/NĐ-CP, Điều 22: ≤ 17 ngày làm việc đăng ký, ≤ 20 ngày làm việc đăng ký và cấp Giấy chứng nhận'],
        deadlines: firstRegistrationDeadlines,
        onlineLevel: 'partial',
        supplementClock: 'pause',
        documents: landDocs,
        fees: landFees,
        hasFinancialObligation: true,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'district_one_stop', wh(4), ['xac-nhan-xa']),
          step('xac-nhan-xa', 'UBND xã xác nhận hiện trạng, niêm yết', 'interagency', 'commune', wd(4), ['tham-dinh']),
          step('tham-dinh', 'Chi nhánh VPĐKĐĐ kiểm tra, trích đo', 'appraisal', 'land_registration_branch', wd(5), ['chuyen-thue']),
          step('chuyen-thue', 'Cơ quan thuế xác định nghĩa vụ tài chính', 'interagency', 'tax_office', wd(3), ['nghia-vu-tai-chinh']),
          step('nghia-vu-tai-chinh', 'Người sử dụng đất nộp tiền', 'financial_obligation', 'tax_office', wd(0), ['trinh-ky']),
          step('trinh-ky', 'Phòng TN&MT trình cấp Giấy chứng nhận', 'approval', 'district_natural_resources_office', wd(2), ['ky']),
          step('ky', 'UBND cấp huyện ký Giấy chứng nhận', 'signing', 'district', wd(2), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả Giấy chứng nhận', 'result_return', 'district_one_stop', wh(4)),
        ],
      },
      {
        version: 2,
        validFrom: TWO_TIER_START,
        level: 'commune',
        legalBasis: [
          'Luật Đất đai 2024',
          'Nghị định 101/2024/NĐ-CP, Điều 22',
          'Quyết định 2304/QĐ-BNNMT ngày 23/6/2025 (1.013978: 17 ngày làm việc đăng ký, 20 ngày làm việc đăng ký và cấp Giấy chứng nhận)',
          'Nghị định 151/2025/NĐ-CP (thẩm quyền chuyển từ cấp huyện về cấp xã; cần kiểm chứng)',
        ],
        deadlines: firstRegistrationDeadlines,
        onlineLevel: 'partial',
        supplementClock: 'pause',
        documents: landDocs,
        fees: landFees,
        hasFinancialObligation: true,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'commune_service_centre', wh(4), ['xac-nhan-xa']),
          step('xac-nhan-xa', 'Xác nhận hiện trạng, niêm yết', 'appraisal', 'commune_economic_office', wd(4), ['tham-dinh']),
          step('tham-dinh', 'Chi nhánh VPĐKĐĐ kiểm tra, trích đo', 'interagency', 'land_registration_branch', wd(5), ['chuyen-thue']),
          step('chuyen-thue', 'Cơ quan thuế xác định nghĩa vụ tài chính', 'interagency', 'tax_office', wd(3), ['nghia-vu-tai-chinh']),
          step('nghia-vu-tai-chinh', 'Người sử dụng đất nộp tiền', 'financial_obligation', 'tax_office', wd(0), ['trinh-ky']),
          step('trinh-ky', 'Trình cấp Giấy chứng nhận', 'approval', 'commune_economic_office', wd(2), ['ky']),
          step('ky', 'Chủ tịch UBND xã ký Giấy chứng nhận', 'signing', 'commune', wd(2), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả Giấy chứng nhận', 'result_return', 'commune_service_centre', wh(4)),
        ],
      },
    ],
  }),
  procedure({
    // 1.013831 (Bắc Ninh portal maThuTucHanhChinh=1.013831): 1.012770 appears in no source; 10 wd unverified
    code: '1.013831',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (chuyển nhượng, thừa kế, tặng cho, góp vốn, cho thuê, cho thuê lại)',
    field: 'land',
    versions: [
      {
        version: 1,
        validFrom: TWO_TIER_START,
        level: 'province',
        legalBasis: ['Luật Đất đai 2024', 'Nghị định 101/2024/NĐ-CP, Điều 22 (≤ 10 ngày làm việc, cần kiểm chứng)'],
        deadlines: { legal: wd(10), committed: wd(7), online: wd(6) },
        onlineLevel: 'partial',
        supplementClock: 'pause',
        documents: [
          doc('don-dang-ky', 'Đơn đăng ký biến động (Mẫu 11/ĐK)'),
          doc('hop-dong', 'Hợp đồng chuyển nhượng đã công chứng/chứng thực'),
          doc('gcn', 'Bản gốc Giấy chứng nhận đã cấp'),
        ],
        fees: [{ id: 'le-phi-dang-ky-bien-dong', name: 'Lệ phí đăng ký biến động', amountVnd: 50000, note: 'cần kiểm chứng' }],
        hasFinancialObligation: true,
        steps: [
          step('tiep-nhan', 'Tiếp nhận hồ sơ', 'reception', 'commune_service_centre', wh(4), ['tham-dinh']),
          step('tham-dinh', 'Chi nhánh VPĐKĐĐ kiểm tra hồ sơ', 'appraisal', 'land_registration_branch', wd(3), ['chuyen-thue']),
          step('chuyen-thue', 'Cơ quan thuế ra thông báo thuế TNCN, lệ phí trước bạ', 'interagency', 'tax_office', wd(2), ['nghia-vu-tai-chinh']),
          step('nghia-vu-tai-chinh', 'Các bên nộp thuế, lệ phí', 'financial_obligation', 'tax_office', wd(0), ['cap-nhat']),
          step('cap-nhat', 'Xác nhận biến động, chỉnh lý hồ sơ địa chính', 'signing', 'land_registration_branch', wd(1), ['tra-ket-qua']),
          step('tra-ket-qua', 'Trả kết quả', 'result_return', 'commune_service_centre', wh(4)),
        ],
      },
    ],
  }),
];
