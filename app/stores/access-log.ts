import type { Pool } from 'pg';
import type { Principal } from '../../contracts/api/principal.contract';

/** Every read of personal data, written before the data leaves: who, when, which dossier, through what. */
export async function logPersonalDataAccess(pool: Pool, principal: Principal, dossierCode: string, operation: string, requestId?: string): Promise<void> {
  await pool.query('INSERT INTO personal_data_access (subject, roles, dossier_code, operation, request_id) VALUES ($1, $2, $3, $4, $5)', [
    principal.subject,
    principal.roles,
    dossierCode,
    operation,
    requestId ?? null,
  ]);
}
