-- Read models for the dossier page and live alerts (projections/dossier-timeline.projection.ts,
-- projections/sla-alert-log.projection.ts).

-- Every event of every dossier, as published (no personal data): the dossier page's timeline and the forms' facts.
CREATE TABLE dossier_event (
  dossier_code  text        NOT NULL,
  sequence      bigint      NOT NULL,
  event_id      text        NOT NULL,
  type          text        NOT NULL,
  occurred_at   timestamptz NOT NULL,
  unit_id       text        NOT NULL,
  payload       jsonb       NOT NULL,
  PRIMARY KEY (dossier_code, sequence)
);
CREATE INDEX dossier_event_type_idx ON dossier_event (dossier_code, type);

-- SLA facts in arrival order: the supervisors' live stream resumes from an id (Last-Event-ID).
-- The sequence belongs to no table, so a rebuild (which swaps in a fresh table) numbers on from it:
-- a client resuming after a rebuild receives the alerts again (same event_id), never misses one.
CREATE SEQUENCE sla_alert_id_seq;
CREATE TABLE sla_alert (
  id                         bigint      PRIMARY KEY DEFAULT nextval('sla_alert_id_seq'),
  event_id                   text        NOT NULL UNIQUE,
  dossier_code               text        NOT NULL,
  procedure_code             text        NOT NULL,
  -- warning | breached | escalated | form04_drafted (the sla.* event type without its prefix)
  kind                       text        NOT NULL,
  scope                      text        NOT NULL CHECK (scope IN ('dossier', 'step')),
  task_id                    text,
  unit_id                    text        NOT NULL,
  supervisor_unit_id         text,
  due_at                     timestamptz NOT NULL,
  raised_at                  timestamptz NOT NULL,
  remaining_working_minutes  numeric     NOT NULL
);
CREATE INDEX sla_alert_unit_idx ON sla_alert (unit_id, id);
