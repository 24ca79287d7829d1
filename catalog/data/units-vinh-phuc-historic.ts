import { OrgUnitInput } from '../../contracts/org-unit.contract';
import { HISTORY_START, THREE_TIER_END, unit } from './unit-builders';

const from = HISTORY_START;
const to = THREE_TIER_END;
/** Departments merged on 1 March 2025 in the first restructuring round (date to verify per province). */
const deptMergeEnd = '2025-02-28';
const deptMergeStart = '2025-03-01';

/** Vĩnh Phúc province before the merger, with the city of Phúc Yên at district level (three tiers). */
const province: OrgUnitInput[] = [
  unit({ id: 'vp', name: 'Tỉnh Vĩnh Phúc', kind: 'province', level: 'province', validFrom: from, validTo: to, successorId: 'pt' }),
  unit({ id: 'vp.ttphcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Vĩnh Phúc', kind: 'province_service_centre', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.ttphcc' }),
  unit({ id: 'vp.so-tu-phap', name: 'Sở Tư pháp tỉnh Vĩnh Phúc', kind: 'dept_justice', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.so-tu-phap' }),
  unit({ id: 'vp.so-xay-dung', name: 'Sở Xây dựng tỉnh Vĩnh Phúc', kind: 'dept_construction', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.so-xay-dung' }),
  unit({ id: 'vp.so-tn-mt', name: 'Sở Tài nguyên và Môi trường tỉnh Vĩnh Phúc', kind: 'dept_agriculture_environment', level: 'province', parentId: 'vp', validFrom: from, validTo: deptMergeEnd, successorId: 'vp.so-nn-mt' }),
  unit({ id: 'vp.so-nn-mt', name: 'Sở Nông nghiệp và Môi trường tỉnh Vĩnh Phúc', kind: 'dept_agriculture_environment', level: 'province', parentId: 'vp', validFrom: deptMergeStart, validTo: to, successorId: 'pt.so-nn-mt' }),
  unit({ id: 'vp.so-khdt', name: 'Sở Kế hoạch và Đầu tư tỉnh Vĩnh Phúc', kind: 'dept_planning_investment', level: 'province', parentId: 'vp', validFrom: from, validTo: deptMergeEnd, successorId: 'vp.so-tai-chinh' }),
  unit({ id: 'vp.so-tai-chinh', name: 'Sở Tài chính tỉnh Vĩnh Phúc', kind: 'dept_finance', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.so-tai-chinh' }),
  unit({ id: 'vp.cong-an', name: 'Công an tỉnh Vĩnh Phúc', kind: 'police', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.cong-an' }),
  unit({ id: 'vp.thue', name: 'Cục Thuế tỉnh Vĩnh Phúc / Thuế tỉnh Vĩnh Phúc', kind: 'tax_office', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.thue' }),
  unit({ id: 'vp.bhxh', name: 'Bảo hiểm xã hội tỉnh Vĩnh Phúc', kind: 'social_insurance', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.bhxh' }),
  unit({ id: 'vp.vpdkdd', name: 'Văn phòng Đăng ký đất đai tỉnh Vĩnh Phúc', kind: 'land_registration_office', level: 'province', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.vpdkdd' }),
  unit({ id: 'vp.vpdkdd.cn-phuc-yen', name: 'Chi nhánh Văn phòng Đăng ký đất đai thành phố Phúc Yên', kind: 'land_registration_branch', level: 'province', parentId: 'vp', servesIds: ['vp.phuc-yen'], validFrom: from, validTo: to, successorId: 'pt.vpdkdd.cn-phuc-yen' }),
];

/**
 * The city of Phúc Yên (district level) and its offices. The district tier was abolished on
 * 1 July 2025; its in-flight dossiers continue at the ward that took over its territory's core,
 * and each office's successor is the ward office that inherited its competence.
 */
const city: OrgUnitInput[] = [
  unit({ id: 'vp.phuc-yen', name: 'Thành phố Phúc Yên', kind: 'district', level: 'district', parentId: 'vp', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen', legalBasis: 'Nghị quyết 484/NQ-UBTVQH14' }),
  unit({ id: 'vp.phuc-yen.mot-cua', name: 'Bộ phận Một cửa thành phố Phúc Yên', kind: 'district_one_stop', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen.ttphcc' }),
  unit({ id: 'vp.phuc-yen.tu-phap', name: 'Phòng Tư pháp thành phố Phúc Yên', kind: 'district_justice_office', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen.vh-xh' }),
  unit({ id: 'vp.phuc-yen.qldt', name: 'Phòng Quản lý đô thị thành phố Phúc Yên', kind: 'district_urban_management_office', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen.kinh-te' }),
  unit({ id: 'vp.phuc-yen.tc-kh', name: 'Phòng Tài chính - Kế hoạch thành phố Phúc Yên', kind: 'district_finance_planning_office', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen.kinh-te' }),
  unit({ id: 'vp.phuc-yen.tn-mt', name: 'Phòng Tài nguyên và Môi trường thành phố Phúc Yên', kind: 'district_natural_resources_office', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen.kinh-te' }),
  unit({ id: 'vp.phuc-yen.ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội thành phố Phúc Yên', kind: 'district_labour_office', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: deptMergeEnd, successorId: 'vp.phuc-yen.noi-vu' }),
  // labour and social affairs passed to the home-affairs office in the March 2025 round
  unit({ id: 'vp.phuc-yen.noi-vu', name: 'Phòng Nội vụ thành phố Phúc Yên', kind: 'district_labour_office', level: 'district', parentId: 'vp.phuc-yen', validFrom: deptMergeStart, validTo: to, successorId: 'pt.p-phuc-yen.vh-xh' }),
  unit({ id: 'vp.phuc-yen.cong-an', name: 'Công an thành phố Phúc Yên', kind: 'police', level: 'district', parentId: 'vp.phuc-yen', validFrom: from, validTo: to, successorId: 'pt.p-phuc-yen.cong-an' }),
];

/**
 * Wards and communes of Phúc Yên. Trưng Trắc and Trưng Nhị became phường Hai Bà Trưng
 * (Resolution 1287/NQ-UBTVQH15, in force 1 January 2025, to verify). The July 2025 split between
 * phường Phúc Yên and phường Xuân Hòa below follows the 2025 reorganisation plan and is to verify.
 */
const toPhucYen = 'pt.p-phuc-yen';
const toXuanHoa = 'pt.p-xuan-hoa';
const ward = (slug: string, name: string, successorId: string, adminCode?: string, validFrom = from, validTo = to): OrgUnitInput =>
  unit({
    id: `vp.phuc-yen.${slug}`,
    ...(adminCode ? { adminCode } : {}),
    name,
    kind: 'commune',
    level: 'commune',
    parentId: 'vp.phuc-yen',
    validFrom,
    validTo,
    successorId,
  });

const wards: OrgUnitInput[] = [
  ward('p-hung-vuong', 'Phường Hùng Vương', toPhucYen),
  ward('p-phuc-thang', 'Phường Phúc Thắng', toPhucYen, '08743'),
  ward('p-tien-chau', 'Phường Tiền Châu', toPhucYen, '08758'),
  ward('p-nam-viem', 'Phường Nam Viêm', toPhucYen),
  ward('p-trung-trac', 'Phường Trưng Trắc', 'vp.phuc-yen.p-hai-ba-trung', undefined, from, '2024-12-31'),
  ward('p-trung-nhi', 'Phường Trưng Nhị', 'vp.phuc-yen.p-hai-ba-trung', undefined, from, '2024-12-31'),
  ward('p-hai-ba-trung', 'Phường Hai Bà Trưng', toPhucYen, undefined, '2025-01-01'),
  ward('p-xuan-hoa', 'Phường Xuân Hòa', toXuanHoa),
  ward('p-dong-xuan', 'Phường Đồng Xuân', toXuanHoa),
  ward('x-cao-minh', 'Xã Cao Minh', toXuanHoa),
  ward('x-ngoc-thanh', 'Xã Ngọc Thanh', toXuanHoa),
];

export const vinhPhucHistoricUnits: OrgUnitInput[] = [...province, ...city, ...wards];
