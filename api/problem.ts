import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ProblemDetails } from '../contracts/api/problem.contract';
import { errorSpec, type AppError } from '../app/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, code: string, title: string, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: `https://motcua.vn/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, ...(detail ? { detail } : {}), ...extra };
}

/** An application error as problem details: the status and title come from the one error table. */
export function appProblem(err: AppError): ProblemDetails {
  const spec = errorSpec(err.code);
  const extra: Partial<ProblemDetails> = {};
  const issues = err.details.issues;
  if (Array.isArray(issues)) {
    extra.issues = issues.map((i: { path?: string; message?: string; code?: string }) => ({ path: String(i.path ?? '(root)'), message: String(i.message ?? ''), code: String(i.code ?? 'invalid') }));
  }
  return problem(spec.status, err.code, spec.title, err.message, extra);
}

export function validationProblem(error: z.ZodError, where: string): ProblemDetails {
  return problem(400, 'VALIDATION_FAILED', `The ${where} is not valid`, `${error.issues.length} issue(s) in the ${where}`, {
    issues: error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message, code: i.code })),
  });
}

export function sendProblem(reply: FastifyReply, p: ProblemDetails, instance?: string): FastifyReply {
  return reply
    // a route that had set its own serializer (CSV) before failing must not serialise the problem with it
    .serializer((payload: unknown) => JSON.stringify(payload))
    .code(p.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(instance ? { ...p, instance } : p);
}
