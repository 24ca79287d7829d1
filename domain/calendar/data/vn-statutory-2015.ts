import type { DecisionEntry, YearDecisions } from '../../../contracts/calendar.contract';

/**
 * Bộ luật Lao động 2012, Điều 115 (in force 1 May 2013 to 31 December 2020) gave National Day one
 * day, 2 September; the 2019 Code's adjacent day starts in 2021. A holiday on a weekend was made
 * up on the next working day (Điều 115 khoản 3). These are the statute's days, not the yearly
 * arrangements the government published (Tết swaps and the like), which are not recorded here.
 */
const LABOUR_CODE_2012 = 'Bộ luật Lao động 2012, Điều 115';

function nationalDayOnly(year: number, compensateOn?: string): YearDecisions {
  const entries: DecisionEntry[] = [{ kind: 'holiday', ruleId: 'national_day', date: `${year}-09-02`, name: 'Quốc khánh (2/9)', decision: LABOUR_CODE_2012 }];
  if (compensateOn) entries.push({ kind: 'compensatory_day_off', date: compensateOn, forDate: `${year}-09-02`, name: 'Nghỉ bù Quốc khánh', decision: `${LABOUR_CODE_2012} khoản 3` });
  return { year, entries };
}

export const VN_STATUTORY_2015_2020: YearDecisions[] = [
  nationalDayOnly(2015),
  nationalDayOnly(2016),
  nationalDayOnly(2017, '2017-09-04'), // 2/9/2017 was a Saturday
  nationalDayOnly(2018, '2018-09-03'), // a Sunday
  nationalDayOnly(2019),
  nationalDayOnly(2020),
];
