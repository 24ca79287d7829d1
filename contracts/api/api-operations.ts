import type { z } from 'zod';
import { ProblemDetails } from './problem.contract';
import { DossierSummaryResponse, SubmitDossierRequest, SubmitDossierResponse } from './dossiers.contract';

/** The HTTP API as data: the OpenAPI document is generated from this table and the zod schemas in it. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  requestBody?: z.ZodType;
  pathParams?: Record<string, string>;
  responses: Record<number, { description: string; schema?: z.ZodType; problem?: boolean }>;
}

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/dossiers',
    operationId: 'submitDossier',
    summary: 'Receive a dossier (tiếp nhận hồ sơ): allocates its code and starts its workflow',
    requestBody: SubmitDossierRequest,
    responses: {
      202: { description: 'Accepted; the workflow runs. Location names the dossier.', schema: SubmitDossierResponse },
      400: { description: 'The body fails validation; nothing was started.', problem: true },
      409: { description: 'The dossier code is already in use.', problem: true },
      422: { description: 'Unknown or not-in-force procedure or unit.', problem: true },
    },
  },
  {
    method: 'get',
    path: '/dossiers/{code}',
    operationId: 'getDossier',
    summary: 'A dossier as the read model (or, for a moment after submission, its workflow) has it',
    pathParams: { code: 'Dossier code, e.g. PY-HV-250407-0012' },
    responses: {
      200: { description: 'The dossier.', schema: DossierSummaryResponse },
      400: { description: 'Not a dossier code.', problem: true },
      404: { description: 'No such dossier.', problem: true },
    },
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness of the API process',
    responses: { 200: { description: 'Alive.' } },
  },
];

export { ProblemDetails };
