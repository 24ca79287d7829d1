-- Form 04 extensions per dossier: a dossier finished late after one is "late, with apology", its own
-- sub-bucket of late in the statistics (the classification itself is the decider's, against the
-- Form 01 appointment). Rebuilding the statistics group from the topic fills it for old dossiers.
ALTER TABLE dossier_fact ADD COLUMN extensions integer NOT NULL DEFAULT 0;
