import { z } from 'zod';
import { API_OPERATIONS } from '../contracts/api/api-operations';
import { ProblemDetails } from '../contracts/api/problem.contract';
import { toJsonSchema } from '../contracts/json-schema';

const toSchema = (s: z.ZodType) => toJsonSchema(s);

/** OpenAPI 3.1, generated from the zod contracts; never edited by hand. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const schema = r.problem ? { $ref: '#/components/schemas/ProblemDetails' } : r.schema ? toSchema(r.schema) : undefined;
      const type = r.problem ? 'application/problem+json' : 'application/json';
      responses[status] = { description: r.description, ...(schema ? { content: { [type]: { schema } } } : {}) };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.pathParams
        ? { parameters: Object.entries(op.pathParams).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })) }
        : {}),
      ...(op.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.requestBody) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'motcua API', version, description: 'Reception, processing and lookup of one-stop dossiers (một cửa liên thông).' },
    paths,
    components: { schemas: { ProblemDetails: toSchema(ProblemDetails) } },
  };
}
