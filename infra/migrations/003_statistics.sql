-- Statistics and Decision 766 indicators: ONE FACT ROW PER DOSSIER, folded from its events by the
-- `dossier-fact` projection (deterministic: every value comes from an event, never from now()).
-- Statistics and indicators are queries over these rows for a period, so they can be rebuilt by
-- replaying the topic and never double-count (the projection checkpoint skips redelivered events).
CREATE TABLE dossier_fact (
  dossier_code              text        PRIMARY KEY,
  procedure_code            text        NOT NULL,
  -- the receiving unit (the envelope's unit of the dossier's first event)
  unit_id                   text        NOT NULL,
  -- null until dossier.received (refused at the desk, or still waiting for a desk supplement)
  channel                   text        CHECK (channel IN ('direct', 'online', 'post')),
  -- instant of the dossier's first event (submission at the desk or online)
  registered_at             timestamptz NOT NULL,
  received_at               timestamptz,
  -- appointment (committed) and legal due, as last known
  appointment_at            timestamptz,
  legal_due_at              timestamptz,
  committed_budget_minutes  integer,
  legal_budget_minutes      integer,
  -- end: the first of result_ready / stopped / withdrawn / refused / not_received
  finished_at               timestamptz,
  end_kind                  text        CHECK (end_kind IN ('result_ready', 'stopped', 'withdrawn', 'refused', 'not_received')),
  classification            text        CHECK (classification IN ('early', 'on_time', 'late')),
  classification_legal      text        CHECK (classification_legal IN ('early', 'on_time', 'late')),
  classification_kpi        text        CHECK (classification_kpi IN ('early', 'on_time', 'late')),
  processing_minutes        numeric,
  kpi_waiting_minutes       numeric,
  -- requestedAt of every supplement request during processing (Form 02), in order
  supplement_requested_at   timestamptz[] NOT NULL DEFAULT '{}',
  -- Form 02 at the desk, before reception
  reception_supplement_at   timestamptz,
  -- due instant of the first dossier-scope sla.breached
  overdue_since             timestamptz,
  -- null when no payment was recorded; true when a recorded payment was made online
  paid_online               boolean,
  payments_recorded         integer     NOT NULL DEFAULT 0,
  first_paid_at             timestamptz,
  electronic_result         boolean,
  components_total          integer     NOT NULL DEFAULT 0,
  components_digitised      integer     NOT NULL DEFAULT 0,
  components_reused         integer     NOT NULL DEFAULT 0,
  rating_score              text        CHECK (rating_score IN ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied')),
  rated_at                  timestamptz,
  complaint_count           integer     NOT NULL DEFAULT 0,
  first_complaint_at        timestamptz,
  returned_at               timestamptz,
  -- who used the processing time (result_ready.consumedByUnit): unit id -> working minutes
  consumed_by_unit          jsonb,
  last_sequence             bigint      NOT NULL
);
CREATE INDEX dossier_fact_received_idx ON dossier_fact (received_at);
CREATE INDEX dossier_fact_finished_idx ON dossier_fact (finished_at);
CREATE INDEX dossier_fact_unit_procedure_idx ON dossier_fact (unit_id, procedure_code);
