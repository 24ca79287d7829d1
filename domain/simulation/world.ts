import type { Catalog } from '../../contracts/catalog.contract';
import type { SimulationProfile, UnitCapacity } from '../../contracts/simulation/simulation-profile.contract';
import { getCalendar } from '../calendar/calendar-registry';
import { formatLocalDate, localDayNumber, parseLocalDate } from '../calendar/local-time';
import { dayIndexOf, type WorkingCalendar } from '../calendar/working-calendar';
import { DomainError, isDomainError } from '../domain-error';
import { ArrivalSchedule, type ArrivalSource } from './arrivals';
import { SimulationEngine, type EngineOptions, type SimulationSink, type UnitModel } from './engine';
import { sample } from './random';
import { ReceptionPlanner } from './reception-planner';

/**
 * Desks and units that share no modelled officer never wait for each other, so they can be simulated
 * apart (and in parallel) with the same result: a component is such a group, found by joining each
 * arrival source with every modelled unit its procedure routes to.
 */
export interface Component {
  index: number;
  label: string;
  sources: ArrivalSource[];
  /** Modelled units it holds. */
  units: string[];
  /** Dossiers expected over the run (for balancing work between threads). */
  expectedDossiers: number;
}

/** A profile ready to run: its catalogue validated, calendar compiled, sources and components found. */
export interface CompiledProfile {
  profile: SimulationProfile;
  catalog: Catalog;
  calendar: WorkingCalendar;
  years: number;
  fromMs: number;
  toMs: number;
  fromDay: number;
  toDay: number;
  sources: ArrivalSource[];
  components: Component[];
  planner: ReceptionPlanner;
  schedule: ArrivalSchedule;
}

function invalid(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('SIMULATION_PROFILE_INVALID', message, details);
}

/** Local date `years` years after `date`. */
export function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

export function compileProfile(profile: SimulationProfile, catalog: Catalog, years = profile.years): CompiledProfile {
  const calendar = getCalendar(profile.calendarVersion);
  const fromDayNumber = parseLocalDate(profile.start);
  const endDate = addYears(profile.start, years);
  const toDayNumber = parseLocalDate(endDate);
  const fromMs = (fromDayNumber * 86_400_000) - calendar.utcOffsetMinutes * 60_000;
  const toMs = (toDayNumber * 86_400_000) - calendar.utcOffsetMinutes * 60_000;
  // dossiers still running at the end need room for their deadlines, supplements and ratings
  const margin = 120;
  if (fromDayNumber < calendar.firstDay || toDayNumber + margin >= calendar.firstDay + calendar.dayCount) {
    throw invalid(`${profile.start} + ${years} years (and ${margin} days after) lies outside calendar ${calendar.version} (${calendar.fromYear}–${calendar.toYear})`, {
      calendarVersion: calendar.version,
    });
  }
  const unitIds = new Set(catalog.units.map((u) => u.id));
  const codes = new Set(catalog.procedures.map((p) => p.code));
  for (const u of profile.units) if (!unitIds.has(u.unitId)) throw invalid(`units: ${u.unitId} is not a unit of the catalogue`, { unitId: u.unitId });
  const seen = new Set<string>();
  for (const u of profile.units) {
    if (seen.has(u.unitId)) throw invalid(`units: ${u.unitId} is listed twice`, { unitId: u.unitId });
    seen.add(u.unitId);
  }
  const sources: ArrivalSource[] = [];
  profile.arrivals.forEach((a, i) => {
    if (!codes.has(a.procedureCode)) throw invalid(`arrivals[${i}]: ${a.procedureCode} is not a procedure of the catalogue`, { procedureCode: a.procedureCode });
    for (const unitId of a.receivingUnitIds) {
      if (!unitIds.has(unitId)) throw invalid(`arrivals[${i}]: ${unitId} is not a unit of the catalogue`, { unitId });
      sources.push({ id: sources.length, procedureCode: a.procedureCode, receivingUnitId: unitId, perYear: a.perYear, channels: a.channels, onlineGrowthPerYear: a.onlineGrowthPerYear, growthPerYear: a.growthPerYear });
    }
  });
  const planner = new ReceptionPlanner(catalog);
  const components = findComponents(sources, new Set(profile.units.map((u) => u.unitId)), planner, profile.start, formatLocalDate(toDayNumber - 1), fromMs);
  const schedule = new ArrivalSchedule(calendar, profile.seasonality, Number(profile.start.slice(0, 4)));
  for (const c of components) {
    let expected = 0;
    for (let i = dayIndexOf(fromMs, calendar); i < dayIndexOf(toMs - 1, calendar) + 1; i++) for (const s of c.sources) expected += schedule.expected(s, i);
    c.expectedDossiers = expected;
  }
  return { profile, catalog, calendar, years, fromMs, toMs, fromDay: dayIndexOf(fromMs, calendar), toDay: dayIndexOf(toMs - 1, calendar) + 1, sources, components, planner, schedule };
}

function findComponents(sources: ArrivalSource[], modelled: Set<string>, planner: ReceptionPlanner, fromDate: string, lastDate: string, fromMs: number): Component[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const add = (x: string) => parent.has(x) || parent.set(x, x);
  const union = (a: string, b: string) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const dates = planner.epochDates(fromDate, lastDate);
  for (const s of sources) {
    const key = `source:${s.id}`;
    add(key);
    let planned = 0;
    let lastError: unknown;
    for (const date of dates) {
      const at = Math.max(fromMs, parseLocalDate(date) * 86_400_000 - 7 * 3_600_000 + 9 * 3_600_000);
      try {
        const plan = planner.plan(s.procedureCode, s.receivingUnitId, at);
        planned++;
        for (const u of new Set([plan.unit.id, ...Object.values(plan.routing)])) if (modelled.has(u)) union(key, `unit:${u}`);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        lastError = e;
      }
    }
    if (planned === 0) {
      const err = lastError as DomainError;
      throw invalid(`${s.procedureCode} cannot be received at ${s.receivingUnitId} at any time of the run: ${err.message}`, { procedureCode: s.procedureCode, unitId: s.receivingUnitId, cause: err.code });
    }
  }
  const groups = new Map<string, { sources: ArrivalSource[]; units: string[] }>();
  for (const key of [...parent.keys()]) {
    const root = find(key);
    const g = groups.get(root) ?? { sources: [], units: [] };
    groups.set(root, g);
    if (key.startsWith('source:')) g.sources.push(sources[Number(key.slice(7))]!);
    else g.units.push(key.slice(5));
  }
  return [...groups.values()]
    .filter((g) => g.sources.length > 0)
    .map((g) => ({ ...g, sources: g.sources.sort((a, b) => a.id - b.id), units: g.units.sort() }))
    .sort((a, b) => a.sources[0]!.id - b.sources[0]!.id)
    .map((g, index) => ({ index, label: `C${String(index).padStart(2, '0')}`, sources: g.sources, units: g.units, expectedDossiers: 0 }));
}

/** A modelled unit: its officers, each spending `hoursPerDay` of the working day on dossiers. */
export function modelledUnit(u: UnitCapacity, profile: SimulationProfile): UnitModel {
  const slowdown = 8 / u.hoursPerDay;
  return { unitId: u.unitId, officers: u.officers, service: (kind, rnd) => sample(u.service[kind] ?? profile.service[kind], rnd) * slowdown };
}

export function unmodelledUnit(unitId: string, profile: SimulationProfile): UnitModel {
  return { unitId, officers: Number.POSITIVE_INFINITY, service: (kind, rnd) => sample(profile.service[kind], rnd) };
}

export interface ComponentRunOptions {
  seed: number;
  sink: SimulationSink;
  sampleEveryMs?: number;
  onProgress?: EngineOptions['onProgress'];
  onCommand?: EngineOptions['onCommand'];
  explainLedgers?: false;
}

/** The engine of one component, with its arrivals scheduled over the whole run. */
export function componentEngine(c: CompiledProfile, component: Component, o: ComponentRunOptions): SimulationEngine {
  const units = new Map<string, UnitModel>();
  for (const u of c.profile.units) if (component.units.includes(u.unitId)) units.set(u.unitId, modelledUnit(u, c.profile));
  const engine = new SimulationEngine({
    calendar: c.calendar,
    behaviour: c.profile.behaviour,
    units,
    unmodelled: (unitId) => unmodelledUnit(unitId, c.profile),
    seed: o.seed,
    label: component.label,
    codePrefix: `SIM-${component.label}`,
    sink: o.sink,
    ...(o.sampleEveryMs ? { sampleEveryMs: o.sampleEveryMs, sampleFrom: firstMondayMorning(c.fromMs) } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.onCommand ? { onCommand: o.onCommand } : {}),
    ...(o.explainLedgers === false ? { explainLedgers: false } : {}),
  });
  engine.addArrivals(c.schedule, component.sources, c.planner, c.fromDay, c.toDay);
  return engine;
}

/** 10:00 on the first Monday on or after `ms` (local): backlog samples are taken there, weekly. */
export function firstMondayMorning(ms: number): number {
  const day = localDayNumber(ms);
  const weekday = (((day + 4) % 7) + 7) % 7;
  const monday = day + ((8 - weekday) % 7);
  return monday * 86_400_000 - 7 * 3_600_000 + 10 * 3_600_000;
}
