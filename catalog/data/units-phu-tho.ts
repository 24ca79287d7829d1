import { OrgUnitInput } from '../../contracts/org-unit.contract';
import { TWO_TIER_START, unit } from './unit-builders';

const from = TWO_TIER_START;
const basis = 'Nghị quyết 202/2025/QH15; Nghị quyết 1676/NQ-UBTVQH15';

/** Phú Thọ province since 1 July 2025 (Phú Thọ, Vĩnh Phúc and Hòa Bình merged), two tiers. */
const province: OrgUnitInput[] = [
  unit({ id: 'pt', name: 'Tỉnh Phú Thọ', kind: 'province', level: 'province', validFrom: from, legalBasis: basis }),
  unit({ id: 'pt.ttphcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Phú Thọ', kind: 'province_service_centre', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.so-tu-phap', name: 'Sở Tư pháp tỉnh Phú Thọ', kind: 'dept_justice', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.so-xay-dung', name: 'Sở Xây dựng tỉnh Phú Thọ', kind: 'dept_construction', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.so-nn-mt', name: 'Sở Nông nghiệp và Môi trường tỉnh Phú Thọ', kind: 'dept_agriculture_environment', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.so-tai-chinh', name: 'Sở Tài chính tỉnh Phú Thọ', kind: 'dept_finance', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.so-noi-vu', name: 'Sở Nội vụ tỉnh Phú Thọ', kind: 'dept_home_affairs', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.cong-an', name: 'Công an tỉnh Phú Thọ', kind: 'police', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.thue', name: 'Thuế tỉnh Phú Thọ', kind: 'tax_office', level: 'province', parentId: 'pt', validFrom: from }),
  // regional tax and land offices serve several communes; their exact names are unverified
  unit({ id: 'pt.thue.phuc-yen', name: 'Thuế cơ sở khu vực Phúc Yên (tên cần kiểm chứng)', kind: 'tax_office', level: 'province', parentId: 'pt', servesIds: ['pt.p-phuc-yen', 'pt.p-xuan-hoa'], validFrom: from }),
  unit({ id: 'pt.bhxh', name: 'Bảo hiểm xã hội tỉnh Phú Thọ', kind: 'social_insurance', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.vpdkdd', name: 'Văn phòng Đăng ký đất đai tỉnh Phú Thọ', kind: 'land_registration_office', level: 'province', parentId: 'pt', validFrom: from }),
  unit({ id: 'pt.vpdkdd.cn-phuc-yen', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Phúc Yên (tên cần kiểm chứng)', kind: 'land_registration_branch', level: 'province', parentId: 'pt', servesIds: ['pt.p-phuc-yen', 'pt.p-xuan-hoa'], validFrom: from }),
  unit({ id: 'pt.vpdkdd.cn-viet-tri', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Việt Trì (tên cần kiểm chứng)', kind: 'land_registration_branch', level: 'province', parentId: 'pt', servesIds: ['pt.p-viet-tri'], validFrom: from }),
];

const POLICE_HOURS = [
  { days: [1, 2, 3, 4, 5], start: '07:00', end: '11:30' },
  { days: [1, 2, 3, 4, 5], start: '13:30', end: '17:00' },
  { days: [6], start: '07:00', end: '11:30' },
];

/** Commune-level units; names of the new units other than Phúc Yên and Xuân Hòa are unverified. */
const communes: { slug: string; name: string; ward: boolean }[] = [
  { slug: 'p-phuc-yen', name: 'Phúc Yên', ward: true },
  { slug: 'p-xuan-hoa', name: 'Xuân Hòa', ward: true },
  { slug: 'p-vinh-phuc', name: 'Vĩnh Phúc', ward: true },
  { slug: 'p-vinh-yen', name: 'Vĩnh Yên', ward: true },
  { slug: 'p-viet-tri', name: 'Việt Trì', ward: true },
  { slug: 'p-hoa-binh', name: 'Hòa Bình', ward: true },
  { slug: 'x-tam-dao', name: 'Tam Đảo', ward: false },
];

function communeUnits(c: { slug: string; name: string; ward: boolean }): OrgUnitInput[] {
  const id = `pt.${c.slug}`;
  const title = `${c.ward ? 'phường' : 'xã'} ${c.name}`;
  return [
    unit({ id, name: `${c.ward ? 'Phường' : 'Xã'} ${c.name}`, kind: 'commune', level: 'commune', parentId: 'pt', validFrom: from, legalBasis: basis }),
    unit({ id: `${id}.ttphcc`, name: `Trung tâm Phục vụ hành chính công ${title}`, kind: 'commune_service_centre', level: 'commune', parentId: id, validFrom: from }),
    unit({ id: `${id}.vh-xh`, name: `Phòng Văn hóa - Xã hội ${title}`, kind: 'commune_culture_social_office', level: 'commune', parentId: id, validFrom: from }),
    unit({
      id: `${id}.kinh-te`,
      name: c.ward ? `Phòng Kinh tế, Hạ tầng và Đô thị ${title}` : `Phòng Kinh tế ${title}`,
      kind: 'commune_economic_office',
      level: 'commune',
      parentId: id,
      validFrom: from,
    }),
    // commune police receive residence dossiers "từ thứ 2 đến thứ 6 và sáng thứ 7" (ttrungtin2910/ai-thuc-chien-2025:
    // data/thutuccongdan/doc_congdan_1.004194.md)
    unit({ id: `${id}.cong-an`, name: `Công an ${title}`, kind: 'police', level: 'commune', parentId: id, validFrom: from, serviceHours: POLICE_HOURS }),
  ];
}

export const phuThoUnits: OrgUnitInput[] = [...province, ...communes.flatMap(communeUnits)];
