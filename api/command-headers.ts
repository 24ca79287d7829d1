import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandOptions } from '../app/send-command';

/** Officers' and the desk's commands take an optional Idempotency-Key (a retry after a lost answer gets the first outcome). */
export const CommandHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose();

export function idempotency(req: FastifyRequest): CommandOptions {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && req.principal ? { idempotency: { key, subject: req.principal.subject } } : {};
}
