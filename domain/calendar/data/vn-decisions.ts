import type { DecisionEntry } from '../../../contracts/calendar.contract';
import { LABOUR_CODE_112 } from './vn-holiday-rules';

/**
 * Each year's arrangement for civil servants (cán bộ, công chức, viên chức), as published. A
 * published year is never edited: a correction is a new calendar version with a new array.
 */

function span(from: string, to: string, ruleId: string, name: string, decision: string): DecisionEntry[] {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const out: DecisionEntry[] = [];
  for (let day = d; ; day++) {
    const date = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    out.push({ kind: 'holiday', date, ruleId, name, decision });
    if (date === to) return out;
    if (day >= 31) throw new Error(`span ${from}..${to} must stay within one month`);
  }
}

// unverified: the number of the 2024 Tết decision; the dates (Thu 8 – Wed 14 Feb 2024) are the published ones.
const TET_2024 = 'Công văn của Văn phòng Chính phủ về nghỉ Tết Âm lịch 2024 (số hiệu chưa xác minh)';
const SWAP_2024 = 'Công văn 2450/VPCP-KGVX ngày 12/4/2024';
// unverified: the number of the 2024 National Day notice; the dates (Sat 31 Aug – Tue 3 Sep) are verified.
const NATIONAL_DAY_2024 = 'Thông báo của Bộ LĐTBXH về nghỉ lễ Quốc khánh 2024 (số hiệu chưa xác minh)';

export const VN_DECISIONS_2024: DecisionEntry[] = [
  ...span('2024-02-08', '2024-02-14', 'tet', 'Tết Nguyên đán Giáp Thìn', TET_2024),
  { kind: 'swap', ruleId: 'reunification', dayOff: '2024-04-29', workingDay: '2024-05-04', name: 'Hoán đổi dịp 30/4–1/5/2024', decision: SWAP_2024 },
  ...span('2024-09-02', '2024-09-03', 'national_day', 'Quốc khánh', NATIONAL_DAY_2024),
];

const Y2025 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-LĐTBXH';

export const VN_DECISIONS_2025: DecisionEntry[] = [
  ...span('2025-01-25', '2025-01-31', 'tet', 'Tết Nguyên đán Ất Tỵ', Y2025),
  ...span('2025-02-01', '2025-02-02', 'tet', 'Tết Nguyên đán Ất Tỵ', Y2025),
  { kind: 'swap', ruleId: 'reunification', dayOff: '2025-05-02', workingDay: '2025-04-26', name: 'Hoán đổi dịp 30/4–1/5/2025', decision: Y2025 },
  // unverified: that 6150/TB-LĐTBXH also fixed National Day 2025; Mon 1 – Tue 2 Sep is the published arrangement.
  ...span('2025-09-01', '2025-09-02', 'national_day', 'Quốc khánh', Y2025),
];

const NEW_YEAR_2026 = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025';
// unverified: the number of the October 2025 VPCP letter; its content (Tết 14–22 Feb, National Day 29 Aug – 2 Sep,
// 31 Aug swapped to Sat 22 Aug) is verified from press reports of 13/10/2025.
const TET_AND_NATIONAL_DAY_2026 = 'Văn bản của Văn phòng Chính phủ tháng 10/2025 về nghỉ Tết Âm lịch và Quốc khánh 2026';

export const VN_DECISIONS_2026: DecisionEntry[] = [
  { kind: 'holiday', ruleId: 'new_year', date: '2026-01-01', name: 'Tết Dương lịch', decision: LABOUR_CODE_112 },
  { kind: 'swap', ruleId: 'new_year', dayOff: '2026-01-02', workingDay: '2026-01-10', name: 'Hoán đổi dịp Tết Dương lịch 2026', decision: NEW_YEAR_2026 },
  ...span('2026-02-14', '2026-02-22', 'tet', 'Tết Nguyên đán Bính Ngọ', TET_AND_NATIONAL_DAY_2026),
  { kind: 'holiday', ruleId: 'hung_kings', date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', decision: LABOUR_CODE_112 },
  {
    kind: 'compensatory_day_off',
    ruleId: 'hung_kings',
    date: '2026-04-27',
    forDate: '2026-04-26',
    name: 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)',
    decision: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
  },
  ...span('2026-09-01', '2026-09-02', 'national_day', 'Quốc khánh', TET_AND_NATIONAL_DAY_2026),
  { kind: 'swap', ruleId: 'national_day', dayOff: '2026-08-31', workingDay: '2026-08-22', name: 'Hoán đổi dịp Quốc khánh 2026', decision: TET_AND_NATIONAL_DAY_2026 },
  // Ngày Văn hóa Việt Nam (24/11) is not a holiday in 2026: Nghị quyết 30/NQ-CP (Feb 2026) only orders the
  // Labour Code amendment. When the National Assembly enacts it, publish a new version.
];

// ---------------------------------------------------------------------------------------------
// vn-2026.2: the same days, with the citations checked against public sources (verified-facts.md §1).
// The working-day arithmetic is identical to vn-2026.1; only what the ledger cites changed.

const TET_AND_NATIONAL_DAY_2024_R2 = 'Công văn 8662/VPCP-KGVX ngày 03/11/2023; Thông báo 5015/TB-LĐTBXH ngày 22/11/2023';
const Y2025_R2 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024';
// the form "TB-BNV" of the number is inferred from press reports
const Y2026_R2 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';

export const VN_DECISIONS_2024_R2: DecisionEntry[] = [
  // five Tết days (Thu 8 – Mon 12 Feb, two on the weekend) and their two days off in lieu (13, 14 Feb)
  ...span('2024-02-08', '2024-02-12', 'tet', 'Tết Nguyên đán Giáp Thìn', TET_AND_NATIONAL_DAY_2024_R2),
  { kind: 'compensatory_day_off', ruleId: 'tet', date: '2024-02-13', forDate: '2024-02-10', name: 'Nghỉ bù Tết Nguyên đán (trùng thứ Bảy)', decision: TET_AND_NATIONAL_DAY_2024_R2 },
  { kind: 'compensatory_day_off', ruleId: 'tet', date: '2024-02-14', forDate: '2024-02-11', name: 'Nghỉ bù Tết Nguyên đán (trùng Chủ nhật)', decision: TET_AND_NATIONAL_DAY_2024_R2 },
  { kind: 'swap', ruleId: 'reunification', dayOff: '2024-04-29', workingDay: '2024-05-04', name: 'Hoán đổi dịp 30/4–1/5/2024', decision: SWAP_2024 },
  ...span('2024-09-02', '2024-09-03', 'national_day', 'Quốc khánh', TET_AND_NATIONAL_DAY_2024_R2),
];

export const VN_DECISIONS_2025_R2: DecisionEntry[] = [
  ...span('2025-01-25', '2025-01-31', 'tet', 'Tết Nguyên đán Ất Tỵ', Y2025_R2),
  ...span('2025-02-01', '2025-02-02', 'tet', 'Tết Nguyên đán Ất Tỵ', Y2025_R2),
  { kind: 'swap', ruleId: 'reunification', dayOff: '2025-05-02', workingDay: '2025-04-26', name: 'Hoán đổi dịp 30/4–1/5/2025', decision: Y2025_R2 },
  // 6150/TB-BLĐTBXH: off from Sat 30 Aug to Tue 2 Sep 2025
  ...span('2025-09-01', '2025-09-02', 'national_day', 'Quốc khánh', Y2025_R2),
];

export const VN_DECISIONS_2026_R2: DecisionEntry[] = VN_DECISIONS_2026.map((e) => (e.decision === TET_AND_NATIONAL_DAY_2026 ? { ...e, decision: Y2026_R2 } : e));

