/**
 * Decision 766/QĐ-TTg (23 June 2022): the real-time indicator set on serving citizens and
 * businesses (0–100 points; 90–100 excellent, under 50 weak). One scoring table, as data: the
 * point weight and the threshold at which an indicator earns its full points. Pure: no I/O.
 *
 * Sources: the Decision's text could not be read from here. A secondary summary
 * (baocaotaichinh.vn, "Quyết định 766/QĐ-TTg 2022 ...") says the total is 100 points and the
 * on-time processing rate earns up to 20. The thresholds 50% (3.3), 80% (4.3) and 90% (5.4) come
 * from docs/domain.md §5. Everything else is marked `// unverified`: change the data, not the code.
 */
import type { IndicatorCode } from '../../contracts/api/statistics.contract';

export interface IndicatorScoring {
  code: IndicatorCode;
  name: string;
  maxPoints: number;
  /**
   * 'rate': points = maxPoints × min(1, rate ÷ fullAt) (linear up to the threshold).
   * 'time': points = maxPoints × min(1, budget ÷ average) (full while the average stays within the budget).
   */
  kind: 'rate' | 'time';
  /** Rate (0–1) at or above which the full points are earned ('rate' only). */
  fullAt: number;
  verified: boolean;
}

export const DECISION_766_SCORING: Readonly<Record<IndicatorCode, IndicatorScoring>> = Object.freeze({
  // the 20 points: secondary summary of the Decision; linear scale and fullAt 100% unverified
  '2.1': { code: '2.1', name: 'Tỷ lệ hồ sơ giải quyết trước và đúng hạn', maxPoints: 20, kind: 'rate', fullAt: 1, verified: false },
  // unverified: weight and the comparison with the legal budget
  '2.2': { code: '2.2', name: 'Thời gian giải quyết trung bình của thủ tục', maxPoints: 4, kind: 'time', fullAt: 1, verified: false },
  // threshold 50%: domain.md §5; weight unverified
  '3.3': { code: '3.3', name: 'Tỷ lệ hồ sơ nộp trực tuyến', maxPoints: 12, kind: 'rate', fullAt: 0.5, verified: false },
  // unverified: weight and threshold
  '3.6': { code: '3.6', name: 'Tỷ lệ thanh toán trực tuyến', maxPoints: 10, kind: 'rate', fullAt: 1, verified: false },
  // unverified: weight and threshold
  '4.1': { code: '4.1', name: 'Tỷ lệ cấp kết quả giải quyết điện tử', maxPoints: 4, kind: 'rate', fullAt: 1, verified: false },
  // unverified: weight and threshold
  '4.2': { code: '4.2', name: 'Tỷ lệ số hóa hồ sơ', maxPoints: 4, kind: 'rate', fullAt: 1, verified: false },
  // threshold 80%: domain.md §5; weight unverified
  '4.3': { code: '4.3', name: 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa', maxPoints: 4, kind: 'rate', fullAt: 0.8, verified: false },
  // threshold 90%: domain.md §5; 6 points: secondary summary (satisfaction criterion "tối đa 6/18 điểm"), unverified against the text
  '5.4': { code: '5.4', name: 'Mức độ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính', maxPoints: 6, kind: 'rate', fullAt: 0.9, verified: false },
});

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Points of a rate indicator; null when nothing was counted (denominator 0). */
export function ratePoints(code: IndicatorCode, numerator: number, denominator: number, table = DECISION_766_SCORING): number | null {
  const s = table[code];
  if (denominator <= 0) return null;
  const rate = numerator / denominator;
  return round2(s.maxPoints * Math.min(1, s.fullAt > 0 ? rate / s.fullAt : 1));
}

/** Points of a time indicator: full while the average stays within the budget, then budget ÷ average of them. */
export function timePoints(code: IndicatorCode, averageMinutes: number | null, budgetMinutes: number | null, table = DECISION_766_SCORING): number | null {
  const s = table[code];
  if (averageMinutes === null || budgetMinutes === null) return null;
  if (averageMinutes <= budgetMinutes) return s.maxPoints;
  return round2((s.maxPoints * budgetMinutes) / averageMinutes);
}

/** Percentage rounded to one decimal (94.9), null for an empty denominator. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator * 1000) / denominator) / 10 : null;
}
