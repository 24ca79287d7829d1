import { loadShippedCatalog } from '../../catalog/load-catalog';
import type { Catalog } from '../../contracts/catalog.contract';
import { planReception } from '../../domain/reception/plan-reception';
import { seeded } from '../../domain/simulation/synthetic-dossiers';

/**
 * What the officers, the desk and the applicant of one dossier do, in order, as an automated client
 * knows it from the procedure: task ids are `<step>#<attempt>`, a new task is at version 0, and the
 * unit of each step is the routing the desk's locality gives it. No read comes before a command.
 */
export type Move =
  | { kind: 'complete' | 'supplement-request' | 'payment-request'; taskId: string; unitId: string }
  | { kind: 'resubmit' | 'payment' | 'rate' }
  /** moves sent at once (the branches of a fork) */
  | { kind: 'parallel'; moves: Move[] };

export type DossierKind = 'sequential' | 'supplement' | 'fork' | 'payment';

export interface DossierScript {
  kind: DossierKind;
  procedureCode: string;
  receivingUnitId: string;
  moves: Move[];
  /** the reception instant the desk records (ISO); unset: the API's clock */
  receivedAt?: string;
}

/** Realistic procedures of the shipped catalogue, on the official calendar (deadlines in working days). */
const PROCEDURE: Record<DossierKind, string> = {
  // construction permit: five sequential steps (desk, appraisal, submission, signature, hand-over)
  sequential: '1.009994',
  // the same, with a Form 02 supplement at appraisal (the clock pauses), then the applicant's resubmission
  supplement: '1.009994',
  // birth registration with permanent residence and health insurance in parallel (Decree 63/2024 group)
  fork: '2.002621',
  // land change: tax notice, the applicant pays (the clock pauses), then registration
  payment: '1.013831',
};

export const DEFAULT_MIX: Record<DossierKind, number> = { sequential: 0.6, supplement: 0.1, fork: 0.2, payment: 0.1 };

export const DESKS = ['pt.p-phuc-yen.ttphcc', 'pt.p-xuan-hoa.ttphcc', 'pt.p-vinh-yen.ttphcc', 'pt.p-viet-tri.ttphcc'];

const complete = (step: string, routing: Record<string, string>): Move => ({ kind: 'complete', taskId: `${step}#1`, unitId: routing[step]! });

function movesFor(kind: DossierKind, routing: Record<string, string>): Move[] {
  const c = (s: string) => complete(s, routing);
  switch (kind) {
    case 'sequential':
      return [c('tiep-nhan'), c('tham-dinh'), c('trinh-ky'), c('ky'), c('tra-ket-qua'), { kind: 'rate' }];
    case 'supplement':
      return [c('tiep-nhan'), { kind: 'supplement-request', taskId: 'tham-dinh#1', unitId: routing['tham-dinh']! }, { kind: 'resubmit' }, c('tham-dinh'), c('trinh-ky'), c('ky'), c('tra-ket-qua'), { kind: 'rate' }];
    case 'fork':
      return [c('tiep-nhan'), c('khai-sinh'), c('ky-khai-sinh'), { kind: 'parallel', moves: [c('thuong-tru'), c('bhyt')] }, c('tra-ket-qua'), { kind: 'rate' }];
    case 'payment':
      return [
        c('tiep-nhan'),
        c('tham-dinh'),
        c('chuyen-thue'),
        { kind: 'payment-request', taskId: 'nghia-vu-tai-chinh#1', unitId: routing['nghia-vu-tai-chinh']! },
        { kind: 'payment' },
        c('nghia-vu-tai-chinh'),
        c('cap-nhat'),
        c('tra-ket-qua'),
        { kind: 'rate' },
      ];
  }
}

/** Every move, with the branches of a fork counted one by one (what a baseline must match update for update). */
export function flatMoves(moves: Move[]): Move[] {
  return moves.flatMap((m) => (m.kind === 'parallel' ? flatMoves(m.moves) : [m]));
}

/** Draws dossiers from the mix with a seed, so two runs (and motcua and its baselines) play the same sequence. */
export class ScriptSource {
  private readonly rnd: () => number;
  private readonly catalog: Catalog;
  private readonly routing = new Map<string, Record<string, string>>();
  readonly units = new Set<string>();

  constructor(
    seed: number,
    private readonly mix: Record<DossierKind, number> = DEFAULT_MIX,
  ) {
    this.rnd = seeded(seed);
    this.catalog = loadShippedCatalog();
    for (const desk of DESKS) {
      for (const kind of Object.keys(PROCEDURE) as DossierKind[]) {
        const plan = planReception(this.catalog, { procedureCode: PROCEDURE[kind], receivingUnitId: desk, channel: 'direct', receivedAtMs: Date.now() });
        this.routing.set(`${desk}|${kind}`, plan.routing);
        for (const u of Object.values(plan.routing)) this.units.add(u);
      }
    }
  }

  next(): DossierScript {
    let x = this.rnd();
    let kind: DossierKind = 'sequential';
    for (const [k, w] of Object.entries(this.mix) as Array<[DossierKind, number]>) {
      kind = k;
      if ((x -= w) < 0) break;
    }
    const desk = DESKS[Math.floor(this.rnd() * DESKS.length)]!;
    return { kind, procedureCode: PROCEDURE[kind], receivingUnitId: desk, moves: movesFor(kind, this.routing.get(`${desk}|${kind}`)!) };
  }
}
