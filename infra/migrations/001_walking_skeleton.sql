-- Per consumer (projection) and dossier: the last event sequence applied, written in the same
-- transaction as the read-model change so redelivered events are skipped.
CREATE TABLE projection_checkpoint (
  projection    text   NOT NULL,
  dossier_code  text   NOT NULL,
  last_sequence bigint NOT NULL,
  PRIMARY KEY (projection, dossier_code)
);

-- Dossier codes are allocated per receiving unit and local day: <unit code>-<yymmdd>-<nnnn>.
CREATE TABLE dossier_code_counter (
  unit_code  text    NOT NULL,
  local_day  date    NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (unit_code, local_day)
);

-- The first read model: one row per dossier, what the register and the citizen lookup start from.
CREATE TABLE dossier_summary (
  dossier_code     text        PRIMARY KEY,
  procedure_code   text        NOT NULL,
  unit_id          text        NOT NULL,
  channel          text        NOT NULL,
  status_code      smallint    NOT NULL,
  applicant_key    text        NOT NULL,
  received_at      timestamptz NOT NULL,
  due_at           timestamptz,
  calendar_version text        NOT NULL,
  last_event_id    text        NOT NULL,
  last_event_type  text        NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX dossier_summary_unit_idx ON dossier_summary (unit_id, received_at);
