import { UnitConsumptionQuery, UnitConsumptionResponse } from '../../contracts/api/pages.contract';
import { unitConsumptionReport } from '../../app/unit-consumption';
import type { ApiDeps } from '../api-deps';
import { routeSchema } from '../route-schema';
import type { ZodApp } from '../server';

export function registerUnitConsumptionRoutes(app: ZodApp, deps: ApiDeps): void {
  app.get(
    '/statistics/consumption',
    {
      config: { operationId: 'getUnitConsumption' },
      schema: {
        ...routeSchema('getUnitConsumption', { summary: 'Working time each handling unit consumed on the dossiers that ended in the period (from and to inclusive)', tags: ['supervision'], ok: { 200: UnitConsumptionResponse }, codes: ['PERIOD_INVALID'] }),
        querystring: UnitConsumptionQuery,
      },
    },
    async (req) => unitConsumptionReport(deps, req.scopeUnits!, req.query),
  );
}
