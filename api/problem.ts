import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ProblemDetails } from '../contracts/api/problem.contract';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, code: string, title: string, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: `https://motcua.vn/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, ...(detail ? { detail } : {}), ...extra };
}

export function validationProblem(error: z.ZodError, where: string): ProblemDetails {
  return problem(400, 'VALIDATION_FAILED', `The ${where} is not valid`, `${error.issues.length} issue(s) in the ${where}`, {
    issues: error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message, code: i.code })),
  });
}

export function sendProblem(reply: FastifyReply, p: ProblemDetails, instance?: string): FastifyReply {
  return reply
    .code(p.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(instance ? { ...p, instance } : p);
}
