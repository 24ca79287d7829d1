-- Budgets in working minutes are exact, not rounded: procedures timed in fractions of a minute
-- (the demo's) and half working hours must fit.
ALTER TABLE dossier_fact ALTER COLUMN committed_budget_minutes TYPE numeric, ALTER COLUMN legal_budget_minutes TYPE numeric;
