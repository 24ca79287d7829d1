-- Breach forecast (workers/breach-forecaster.ts): one row per open dossier, replaced each round.
-- Not a projection of events: a Monte-Carlo forecast over the read models, see domain/simulation/forecast.ts.
CREATE TABLE breach_forecast (
  dossier_code           text             PRIMARY KEY,
  procedure_code         text             NOT NULL,
  receiving_unit_id      text             NOT NULL,
  -- the unit holding the earliest-due open task
  unit_id                text             NOT NULL,
  appointment_at         timestamptz      NOT NULL,
  probability            double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
  status                 text             NOT NULL CHECK (status IN ('breached', 'at_risk', 'beyond_horizon')),
  median_end_at          timestamptz,
  horizon_end            timestamptz      NOT NULL,
  runs                   integer          NOT NULL,
  forecast_at            timestamptz      NOT NULL,
  -- the alert of the current crossing of the threshold (cleared when the probability falls below it)
  alerted_at             timestamptz,
  alerted_appointment_at timestamptz,
  -- crossings alerted so far (part of the alert id, so a re-sent alert is recognisably the same)
  alerts                 integer          NOT NULL DEFAULT 0
);
CREATE INDEX breach_forecast_unit_idx ON breach_forecast (unit_id, probability DESC);

-- One row per forecast round: when, over how much, and each unit's measured service.
CREATE TABLE breach_forecast_round (
  forecast_at     timestamptz PRIMARY KEY,
  dossiers        integer     NOT NULL,
  unreconstructed integer     NOT NULL,
  runs            integer     NOT NULL,
  horizon_end     timestamptz NOT NULL,
  duration_ms     integer     NOT NULL,
  rates           jsonb       NOT NULL
);

-- what the forecaster reads every round: the open dossiers and the tasks units finished recently
CREATE INDEX dossier_register_open_idx ON dossier_register (received_at) WHERE finished_at IS NULL AND closed_reason IS NULL;
CREATE INDEX process_slip_task_done_idx ON process_slip_task (finished_at) WHERE status = 'done';
