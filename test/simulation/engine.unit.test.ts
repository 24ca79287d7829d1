import path from 'node:path';
import { DossierCommand } from '../../contracts/commands/dossier-commands.contract';
import { DossierEvent } from '../../contracts/events';
import { initialState } from '../../domain/dossier/dossier-state';
import { replay } from '../../domain/dossier/evolve';
import type { SimDossier } from '../../domain/simulation/engine';
import { compileProfile, componentEngine } from '../../domain/simulation/world';
import { loadProfile } from '../../simulation/load-profile';

const SMALL = path.join(__dirname, 'small-profile.json');
const DAY = 86_400_000;

/** Runs the small profile for `days` days, keeping every dossier's events. */
function runSmall(days: number, seed = 1, explainLedgers?: false) {
  const { profile, catalog } = loadProfile(SMALL);
  const c = compileProfile(profile, catalog);
  const log = new Map<SimDossier, DossierEvent[]>();
  const ended: Array<{ d: SimDossier; open: boolean }> = [];
  const commands: string[] = [];
  const engine = componentEngine(c, c.components[0]!, {
    seed,
    sink: {
      events: (d, events) => log.set(d, [...(log.get(d) ?? []), ...events]),
      ended: (d, open) => ended.push({ d, open }),
    },
    // every officer and applicant command is a valid command of the contract, as the workflow's update validator requires
    onCommand: (cmd) => {
      commands.push(cmd.type);
      if (cmd.type !== 'dossier.start' && cmd.type !== 'clock.tick') DossierCommand.parse(cmd);
    },
    ...(explainLedgers === false ? { explainLedgers } : {}),
  });
  engine.run(c.fromMs + days * DAY);
  engine.close();
  return { c, engine, log, ended, commands };
}

describe('simulation engine', () => {
  const r = runSmall(120);

  it('drives every dossier through the decider: each one’s events replay to its final state and satisfy the event contract', () => {
    expect(r.log.size).toBeGreaterThan(400);
    for (const [d, events] of r.log) {
      events.forEach((e, i) => expect(e.sequence).toBe(i + 1));
      expect(replay(initialState(d.state.input), events)).toStrictEqual(d.state);
    }
    for (const events of [...r.log.values()].slice(0, 150)) for (const e of events) expect(DossierEvent.safeParse(e).success).toBe(true);
  });

  it('decides the same with ledgers that record no entries (the reports’ runs): the same events, every ledger without entries', () => {
    const lean = runSmall(120, 1, false);
    const events = (log: Map<SimDossier, DossierEvent[]>) => [...log.values()].flat();
    expect(events(lean.log)).toEqual(events(r.log));
    expect(lean.engine.counts).toEqual(r.engine.counts);
    const explained = [...r.log.keys()].filter((d) => d.state.ledger);
    expect(explained.every((d) => d.state.ledger!.entries.length > 0)).toBe(true);
    const leanLedgers = [...lean.log.keys()].flatMap((d) => (d.state.ledger ? [d.state.ledger] : []));
    expect(leanLedgers).toHaveLength(explained.length);
    for (const l of leanLedgers) expect(l.entries).toEqual([]);
    // apart from the entries, every ledger holds the same figures
    const strip = (l: object) => ({ ...l, entries: [], explain: undefined });
    expect(leanLedgers.map(strip)).toEqual(explained.map((d) => strip(d.state.ledger!)));
  });

  it('exercises the whole lifecycle: supplements, payments, returns, Form 04, withdrawals, refusals, ratings, complaints, SLA timers', () => {
    const types = new Set([...r.log.values()].flat().map((e) => e.type));
    for (const t of [
      'dossier.received', 'dossier.refused', 'dossier.reception_supplement_requested', 'task.assigned', 'task.completed', 'task.returned',
      'dossier.supplement_requested', 'dossier.supplement_received', 'dossier.payment_requested', 'dossier.payment_recorded',
      'dossier.withdrawn', 'dossier.result_ready', 'dossier.result_returned', 'dossier.rated', 'sla.warning', 'sla.form04_drafted', 'dossier.extended',
    ])
      expect(types).toContain(t);
    expect(r.commands).toContain('clock.tick');
    expect(r.engine.counts.rejected).toEqual({});
  });

  it('ends each dossier once; those still under way at the end are handed over as open', () => {
    const seen = new Set<SimDossier>();
    for (const { d } of r.ended) {
      expect(seen.has(d)).toBe(false);
      seen.add(d);
    }
    expect(seen.size).toBe(r.engine.counts.dossiers);
    const open = r.ended.filter((x) => x.open);
    expect(open.length).toBeGreaterThan(0);
    for (const { d } of open) expect(d.state.phase).not.toBe('closed');
    for (const { d } of r.ended.filter((x) => !x.open)) expect(['closed', 'returned']).toContain(d.state.phase);
  });

  it('officers work within service hours, one task at a time', () => {
    const cal = r.c.calendar;
    const completions = [...r.log.values()].flat().filter((e) => e.type === 'task.completed' && e.unitId === 'pt.p-phuc-yen.vh-xh');
    expect(completions.length).toBeGreaterThan(100);
    for (const e of completions) {
      const local = (Date.parse(e.occurredAt) + 7 * 3_600_000) % DAY;
      const inHours = cal.intervals.some(([s, end]) => local >= s && local <= end);
      expect(inHours).toBe(true);
    }
    const vh = r.engine.unitStats().find((u) => u.unitId === 'pt.p-phuc-yen.vh-xh')!;
    expect(vh).toMatchObject({ modelled: true, officers: 1 });
    expect(vh.tasksStarted).toBeGreaterThanOrEqual(vh.tasksCompleted);
  });

  it('is deterministic: the same seed gives the same events, another seed other ones', () => {
    const again = runSmall(30);
    const first = runSmall(30);
    const other = runSmall(30, 2);
    const dump = (x: ReturnType<typeof runSmall>) => JSON.stringify([...x.log.values()]);
    expect(dump(again)).toBe(dump(first));
    expect(dump(other)).not.toBe(dump(first));
  });
});

describe('components', () => {
  it('Phúc Yên: each ward and commune alone, the city desk with its offices and the land branch', () => {
    const { profile, catalog } = loadProfile('phuc-yen');
    const c = compileProfile(profile, catalog, 1);
    expect(c.components).toHaveLength(11);
    const city = c.components.find((k) => k.sources.some((s) => s.receivingUnitId === 'vp.phuc-yen.mot-cua'))!;
    expect(city.units).toEqual(expect.arrayContaining(['vp.phuc-yen.mot-cua', 'vp.vpdkdd.cn-phuc-yen', 'vp.phuc-yen.tn-mt', 'vp.phuc-yen']));
    for (const k of c.components.filter((x) => x !== city)) expect(k.units).toHaveLength(2);
    // ten years (July 2015 to June 2025) expect ten times the yearly rates; the two half years at the
    // ends weigh their months a little differently from one whole year
    const ten = compileProfile(profile, catalog, 10);
    const yearly = profile.arrivals.reduce((s, a) => s + a.perYear * a.receivingUnitIds.length, 0);
    expect(10 * yearly).toBeGreaterThan(616_540); // the report's 586,600 + 29,940, plus those never received
    expect(Math.abs(ten.components.reduce((s, k) => s + k.expectedDossiers, 0) / (10 * yearly) - 1)).toBeLessThan(0.001);
  });
});
