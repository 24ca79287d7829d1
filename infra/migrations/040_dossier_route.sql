-- Who a dossier involves from the moment it is received (the API writes it with the applicant, before
-- the workflow starts): its desk and the units of its first tasks. Access checks read it while the
-- read models have not caught up with a fresh dossier, instead of querying its workflow.
CREATE TABLE dossier_route (
  dossier_code       text        PRIMARY KEY,
  receiving_unit_id  text        NOT NULL,
  first_task_unit_ids text[]     NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
