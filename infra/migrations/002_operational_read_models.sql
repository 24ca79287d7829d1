-- Operational read models (projections/*.projection.ts). Every row is a deterministic function of
-- the dossier's events: instants come from the events (timestamptz), working minutes are numeric,
-- and replaying the topic into empty tables yields the same rows.

-- Task inbox: one row per open task (open or claimed), in the unit that holds it now.
CREATE TABLE task_inbox (
  dossier_code              text        NOT NULL,
  task_id                   text        NOT NULL,
  step_id                   text        NOT NULL,
  step_name                 text        NOT NULL,
  step_kind                 text        NOT NULL,
  unit_id                   text        NOT NULL,
  procedure_code            text        NOT NULL,
  calendar_version          text        NOT NULL,
  assigned_at               timestamptz NOT NULL,
  due_at                    timestamptz NOT NULL,
  allotment_amount          numeric     NOT NULL,
  allotment_unit            text        NOT NULL,
  -- null for calendar-day allotments (not working time)
  allotment_working_minutes numeric,
  status                    text        NOT NULL CHECK (status IN ('open', 'claimed')),
  claimed_by                text,
  claimed_at                timestamptz,
  task_version              integer     NOT NULL,
  from_unit_ids             text[]      NOT NULL,
  transferred_from_unit_id  text,
  transferred_at            timestamptz,
  -- the dossier waits for the applicant (supplement) or a payment; clock_stopped: the step's clock stands still
  paused                    boolean     NOT NULL,
  paused_reason             text        CHECK (paused_reason IN ('supplement', 'payment')),
  paused_at                 timestamptz,
  clock_stopped             boolean     NOT NULL,
  last_sequence             bigint      NOT NULL,
  updated_at                timestamptz NOT NULL,
  PRIMARY KEY (dossier_code, task_id)
);
CREATE INDEX task_inbox_unit_due_idx ON task_inbox (unit_id, due_at);
CREATE INDEX task_inbox_claimed_idx ON task_inbox (claimed_by) WHERE claimed_by IS NOT NULL;

-- Form 07, Sổ theo dõi hồ sơ: one row per dossier. No personal data: the applicant is a pseudonymous key.
CREATE TABLE dossier_register (
  dossier_code              text        PRIMARY KEY,
  procedure_code            text        NOT NULL,
  procedure_version         text,
  receiving_unit_id         text        NOT NULL,
  channel                   text,
  applicant_key             text,
  calendar_version          text        NOT NULL,
  received_at               timestamptz,
  appointment_at            timestamptz,
  legal_due_at              timestamptz,
  status_code               smallint    NOT NULL,
  reception_supplement_at   timestamptz,
  supplement_count          integer     NOT NULL,
  kpi_overdue               boolean     NOT NULL,
  payment_count             integer     NOT NULL,
  paid_online               boolean,
  extension_count           integer     NOT NULL,
  paused_reason             text        CHECK (paused_reason IN ('supplement', 'payment')),
  finished_at               timestamptz,
  result_outcome            text,
  electronic_result         boolean,
  classification            text        CHECK (classification IN ('early', 'on_time', 'late')),
  classification_legal      text        CHECK (classification_legal IN ('early', 'on_time', 'late')),
  classification_kpi        text        CHECK (classification_kpi IN ('early', 'on_time', 'late')),
  processing_working_minutes numeric,
  returned_at               timestamptz,
  return_method             text,
  closed_reason             text        CHECK (closed_reason IN ('refused', 'not_received', 'withdrawn', 'stopped', 'finished')),
  closed_at                 timestamptz,
  complaint_count           integer     NOT NULL,
  rating                    text,
  last_sequence             bigint      NOT NULL,
  updated_at                timestamptz NOT NULL
);
CREATE INDEX dossier_register_unit_idx ON dossier_register (receiving_unit_id, received_at);
CREATE INDEX dossier_register_status_idx ON dossier_register (status_code);

-- Form 06, Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-off (giver → receiver).
-- kind: handoff (a completed step to the next), return (sent back), transfer (unit to unit, same task),
-- result (the step that finished processing to the result hand-over step).
CREATE TABLE process_control_slip (
  dossier_code              text        NOT NULL,
  seq                       bigint      NOT NULL,
  from_task_id              text        NOT NULL,
  kind                      text        NOT NULL CHECK (kind IN ('handoff', 'return', 'transfer', 'result')),
  from_step_id              text        NOT NULL,
  from_unit_id              text        NOT NULL,
  from_officer_id           text,
  to_task_id                text        NOT NULL,
  to_step_id                text        NOT NULL,
  to_unit_id                text        NOT NULL,
  handed_at                 timestamptz NOT NULL,
  from_due_at               timestamptz NOT NULL,
  from_finished_at          timestamptz NOT NULL,
  classification            text        NOT NULL CHECK (classification IN ('early', 'on_time', 'late')),
  consumed_working_minutes  numeric,
  to_due_at                 timestamptz NOT NULL,
  reason                    text,
  PRIMARY KEY (dossier_code, seq, from_task_id)
);
CREATE INDEX process_control_slip_from_unit_idx ON process_control_slip (from_unit_id, handed_at);

-- The slip's memory of every task of a dossier (givers are often completed in an earlier batch).
CREATE TABLE process_slip_task (
  dossier_code              text        NOT NULL,
  task_id                   text        NOT NULL,
  step_id                   text        NOT NULL,
  step_kind                 text        NOT NULL,
  unit_id                   text        NOT NULL,
  calendar_version          text        NOT NULL,
  due_at                    timestamptz NOT NULL,
  allotment_amount          numeric     NOT NULL,
  allotment_unit            text        NOT NULL,
  status                    text        NOT NULL CHECK (status IN ('open', 'claimed', 'done', 'returned', 'cancelled')),
  officer_id                text,
  finished_at               timestamptz,
  finished_seq              bigint,
  classification            text,
  consumed_working_minutes  numeric,
  paused_at                 timestamptz,
  PRIMARY KEY (dossier_code, task_id)
);

-- SLA board: open dossiers (scope dossier, task_id '') and open steps that are due soon or overdue.
CREATE TABLE sla_board (
  dossier_code              text        NOT NULL,
  scope                     text        NOT NULL CHECK (scope IN ('dossier', 'step')),
  task_id                   text        NOT NULL,
  procedure_code            text        NOT NULL,
  calendar_version          text        NOT NULL,
  unit_id                   text        NOT NULL,
  supervisor_unit_id        text,
  status                    text        NOT NULL CHECK (status IN ('due_soon', 'overdue')),
  due_at                    timestamptz NOT NULL,
  warned_at                 timestamptz,
  breached_at               timestamptz,
  escalated_at              timestamptz,
  form04_drafted_at         timestamptz,
  remaining_working_minutes numeric     NOT NULL,
  paused                    boolean     NOT NULL,
  paused_at                 timestamptz,
  last_sequence             bigint      NOT NULL,
  updated_at                timestamptz NOT NULL,
  PRIMARY KEY (dossier_code, scope, task_id)
);
CREATE INDEX sla_board_unit_idx ON sla_board (unit_id, status, due_at);
CREATE INDEX sla_board_supervisor_idx ON sla_board (supervisor_unit_id) WHERE supervisor_unit_id IS NOT NULL;

-- Working minutes each unit consumed on a dossier: summed from task.completed / task.returned, set to
-- the ledger's consumedByUnit at dossier.result_ready (hand-over tasks after it add on).
CREATE TABLE sla_unit_consumption (
  dossier_code              text        NOT NULL,
  unit_id                   text        NOT NULL,
  consumed_working_minutes  numeric     NOT NULL,
  tasks_finished            integer     NOT NULL,
  settled_at                timestamptz,
  PRIMARY KEY (dossier_code, unit_id)
);
CREATE INDEX sla_unit_consumption_unit_idx ON sla_unit_consumption (unit_id);
