-- The HTTP API's own tables (app/stores/*.ts). Personal data lives only here, each field encrypted
-- with AES-256-GCM (infra/crypto/field-cipher.ts); events and read models carry the pseudonymous key.

CREATE TABLE dossier_applicant (
  dossier_code        text        PRIMARY KEY,
  applicant_key       text        NOT NULL,
  full_name_enc       text        NOT NULL,
  id_number_enc       text        NOT NULL,
  phone_enc           text,
  address_enc         text,
  email_enc           text,
  -- HMAC of the dossier code and the ID number's last four digits: the citizen lookup compares digests
  lookup_digest       text        NOT NULL,
  -- the receipt's token: its SHA-256 to check it, its ciphertext to print Form 01 again
  citizen_token_hash  text        NOT NULL,
  citizen_token_enc   text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now()
);

-- Who read personal data, when, of which dossier (every read through the API).
CREATE TABLE personal_data_access (
  id            bigserial   PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  subject       text        NOT NULL,
  roles         text[]      NOT NULL,
  dossier_code  text        NOT NULL,
  operation     text        NOT NULL,
  request_id    text
);
CREATE INDEX personal_data_access_dossier_idx ON personal_data_access (dossier_code, at);

-- A retried or concurrent submission with the same Idempotency-Key answers with the same dossier.
CREATE TABLE idempotency_key (
  subject       text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  dossier_code  text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject, key)
);

-- Catalogues written through the API (validated like `motcua catalog validate`); the newest is in force.
CREATE TABLE catalog_document (
  revision         bigserial   PRIMARY KEY,
  catalog_version  text        NOT NULL,
  document         jsonb       NOT NULL,
  written_by       text        NOT NULL,
  written_at       timestamptz NOT NULL DEFAULT now()
);
