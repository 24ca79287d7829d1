/**
 * Decision 766/QĐ-TTg (23 June 2022): the real-time indicator set on serving citizens and businesses,
 * 100 points in five groups. One scoring table, as data: each indicator's group, maximum and the
 * rate at which it earns its maximum. Pure: no I/O.
 *
 * Sources (verified-facts.md §3; they describe the national dashboard as it runs in 2026, the 2022
 * text of the Decision itself was not found):
 *   (a) "Mô tả công thức tính chỉ số 766.docx" (ChippedTopaz/qd766: web/src/formula-document.ts),
 *   (b) the "Công thức 766.xlsx" METRICS sheet and its maxima (docs/metrics.m0.json, web/src/formula-maximums.ts),
 *   (c) scores reverse-engineered from the dichvucong.gov.vn API (docs/SCORING_ANALYSIS_M0.md).
 * `verified` is true when the maximum and the threshold both agree with a source. Change the data, not the code.
 */
import type { IndicatorCode } from '../../contracts/api/statistics.contract';

export type IndicatorGroup = 1 | 2 | 3 | 4 | 5;

export interface IndicatorScoring {
  code: IndicatorCode;
  group: IndicatorGroup;
  name: string;
  maxPoints: number;
  /**
   * 'rate': points = maxPoints × min(1, rate ÷ fullAt) (linear up to the threshold).
   * 'time': shown, not scored (2.2 has no maximum of its own: the group's 20 go to 2.1).
   */
  kind: 'rate' | 'time';
  /** Rate (0–1) at or above which the full points are earned ('rate' only). */
  fullAt: number;
  /** Points when nothing was counted (denominator 0): 0 where the dashboard gives 0, null where unknown. */
  emptyPoints: 0 | null;
  verified: boolean;
}

/** The five groups and their weights on the dashboard (b): 18 + 20 + 22 + 22 + 18 = 100. */
export const DECISION_766_GROUPS: Readonly<Record<IndicatorGroup, { name: string; weight: number }>> = Object.freeze({
  1: { name: 'Công khai, minh bạch', weight: 18 },
  2: { name: 'Tiến độ giải quyết', weight: 20 },
  // in the docx numbering online payment (3.5, 3.6) sits in group 3: online services 12 + online payment 10
  3: { name: 'Cung cấp dịch vụ trực tuyến', weight: 22 },
  4: { name: 'Số hóa hồ sơ', weight: 22 },
  5: { name: 'Mức độ hài lòng', weight: 18 },
});

export const DECISION_766_SCORING: Readonly<Record<IndicatorCode, IndicatorScoring>> = Object.freeze({
  // (a) on time against NgayHenTra, more than one supplement request late; (b) max 20; (c) 20 × rate
  '2.1': { code: '2.1', group: 2, name: 'Tỷ lệ hồ sơ giải quyết trước và đúng hạn', maxPoints: 20, kind: 'rate', fullAt: 1, emptyPoints: null, verified: true },
  // (b) no separate maximum ("Không suy ra 18+2 từ website khác"): shown per procedure, not scored
  '2.2': { code: '2.2', group: 2, name: 'Thời gian giải quyết trung bình của thủ tục', maxPoints: 0, kind: 'time', fullAt: 1, emptyPoints: null, verified: true },
  // (a) full at 50%, × the sync rate, online only with an electronic result; (b) the group's 12 sit on the
  // "hồ sơ DVCTT toàn trình" row, so 3.3's own maximum is unverified
  '3.3': { code: '3.3', group: 3, name: 'Tỷ lệ hồ sơ nộp trực tuyến', maxPoints: 12, kind: 'rate', fullAt: 0.5, emptyPoints: null, verified: false },
  // (b)+(c) payment group 10 = 3.5 (2) + 3.5b (2) + 3.6 (6); linear, full at 100%
  '3.6': { code: '3.6', group: 3, name: 'Tỷ lệ thanh toán trực tuyến', maxPoints: 6, kind: 'rate', fullAt: 1, emptyPoints: null, verified: true },
  // (b) ORIGINAL_RESULT_AVAILABLE max 6; (c) linear, full at 100%
  '4.1': { code: '4.1', group: 4, name: 'Tỷ lệ cấp kết quả giải quyết điện tử', maxPoints: 6, kind: 'rate', fullAt: 1, emptyPoints: null, verified: true },
  // (b) max 4; the docx says full at 80%, the API scores as if at 100%: a setting (100% here, as the API)
  '4.2': { code: '4.2', group: 4, name: 'Tỷ lệ số hóa hồ sơ', maxPoints: 4, kind: 'rate', fullAt: 1, emptyPoints: null, verified: false },
  // (b) REUSED_DIGITIZED_DATA max 2; (c) min(2, 2 × rate / 80%)
  '4.3': { code: '4.3', group: 4, name: 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa', maxPoints: 2, kind: 'rate', fullAt: 0.8, emptyPoints: null, verified: true },
  // (a) 100% − (overdue + complained or disliked), full at 90%; (b) max 6; (c) denominator 0 → 0 points
  '5.4': { code: '5.4', group: 5, name: 'Mức độ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính', maxPoints: 6, kind: 'rate', fullAt: 0.9, emptyPoints: 0, verified: true },
});

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Points of a rate indicator; for an empty denominator the table's `emptyPoints`. */
export function ratePoints(code: IndicatorCode, numerator: number, denominator: number, table = DECISION_766_SCORING): number | null {
  const s = table[code];
  if (denominator <= 0) return s.emptyPoints;
  const rate = numerator / denominator;
  return round2(s.maxPoints * Math.min(1, s.fullAt > 0 ? rate / s.fullAt : 1));
}

/** Percentage rounded to one decimal (94.9), null for an empty denominator. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator * 1000) / denominator) / 10 : null;
}
