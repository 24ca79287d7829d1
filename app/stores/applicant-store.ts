import crypto from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { decryptField, encryptField } from '../../infra/crypto/field-cipher';
import type { Keyring } from '../../infra/crypto/keyring';

/** The applicant as the desk records them: kept for Form 01, the citizen lookup and the officers, never in clear outside the API. */
export interface Applicant {
  idNumber: string;
  fullName: string;
  phone?: string;
  address?: string;
  email?: string;
}

const FIELDS = { fullName: 'full_name_enc', idNumber: 'id_number_enc', phone: 'phone_enc', address: 'address_enc', email: 'email_enc' } as const;
type Field = keyof typeof FIELDS;

const context = (code: string, field: string) => `dossier_applicant:${code}:${field}`;

export const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/** The digest the citizen lookup compares: the code and the last four digits of the ID number, keyed. */
export function lookupDigest(secret: string, dossierCode: string, idLast4: string): string {
  return crypto.createHmac('sha256', secret).update(`lookup:${dossierCode}:${idLast4}`).digest('hex');
}

export function newCitizenToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export interface ApplicantStore {
  save(db: PoolClient, row: { dossierCode: string; applicantKey: string; applicant: Applicant; citizenToken: string }): Promise<void>;
  read(dossierCode: string): Promise<Applicant | undefined>;
  citizenToken(dossierCode: string): Promise<string | undefined>;
  /** Whether the code and digits match a dossier (one answer for "no such dossier" and "wrong digits"). */
  matchesLookup(dossierCode: string, idLast4: string): Promise<boolean>;
  matchesToken(dossierCode: string, token: string): Promise<boolean>;
}

export function createApplicantStore(pool: Pool, keyring: Keyring, lookupSecret: string): ApplicantStore {
  const enc = (code: string, field: string, v: string | undefined) => (v === undefined ? null : encryptField(keyring, context(code, field), v));
  return {
    async save(db, { dossierCode, applicantKey, applicant, citizenToken }) {
      const a = applicant;
      await db.query(
        `INSERT INTO dossier_applicant (dossier_code, applicant_key, full_name_enc, id_number_enc, phone_enc, address_enc, email_enc,
                                        lookup_digest, citizen_token_hash, citizen_token_enc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          dossierCode,
          applicantKey,
          enc(dossierCode, 'fullName', a.fullName),
          enc(dossierCode, 'idNumber', a.idNumber),
          enc(dossierCode, 'phone', a.phone),
          enc(dossierCode, 'address', a.address),
          enc(dossierCode, 'email', a.email),
          lookupDigest(lookupSecret, dossierCode, a.idNumber.slice(-4)),
          sha256(citizenToken),
          enc(dossierCode, 'citizenToken', citizenToken),
        ],
      );
    },
    async read(dossierCode) {
      const { rows } = await pool.query<Record<string, string | null>>('SELECT * FROM dossier_applicant WHERE dossier_code = $1', [dossierCode]);
      const r = rows[0];
      if (!r) return undefined;
      const out: Partial<Applicant> = {};
      for (const [field, column] of Object.entries(FIELDS) as Array<[Field, string]>) {
        const v = r[column];
        if (v !== null && v !== undefined) out[field] = decryptField(keyring, context(dossierCode, field), v);
      }
      return out as Applicant;
    },
    async citizenToken(dossierCode) {
      const { rows } = await pool.query<{ citizen_token_enc: string }>('SELECT citizen_token_enc FROM dossier_applicant WHERE dossier_code = $1', [dossierCode]);
      const v = rows[0]?.citizen_token_enc;
      return v ? decryptField(keyring, context(dossierCode, 'citizenToken'), v) : undefined;
    },
    async matchesLookup(dossierCode, idLast4) {
      const { rows } = await pool.query<{ lookup_digest: string }>('SELECT lookup_digest FROM dossier_applicant WHERE dossier_code = $1', [dossierCode]);
      // compare a digest either way, so a missing dossier takes as long as wrong digits
      const expected = Buffer.from(rows[0]?.lookup_digest ?? '0'.repeat(64), 'hex');
      const given = Buffer.from(lookupDigest(lookupSecret, dossierCode, idLast4), 'hex');
      return crypto.timingSafeEqual(expected, given) && rows.length > 0;
    },
    async matchesToken(dossierCode, token) {
      const { rows } = await pool.query<{ citizen_token_hash: string }>('SELECT citizen_token_hash FROM dossier_applicant WHERE dossier_code = $1', [dossierCode]);
      const expected = Buffer.from(rows[0]?.citizen_token_hash ?? '0'.repeat(64), 'hex');
      return crypto.timingSafeEqual(expected, Buffer.from(sha256(token), 'hex')) && rows.length > 0;
    },
  };
}
