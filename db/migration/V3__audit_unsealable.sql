-- Finished migrations whose audit record could not be sealed (the sealer catches a failure per record, records it
-- here, seals the others, and tries the flagged ones again after the others on each run). A successful seal
-- removes the row. GET /api/audit/verify reports every row. Works on H2 and PostgreSQL.
CREATE TABLE slm_audit_unsealable (
    process_instance_id VARCHAR(64)   NOT NULL PRIMARY KEY,
    first_failed_at     TIMESTAMP     NOT NULL,
    last_failed_at      TIMESTAMP     NOT NULL,
    attempts            INTEGER       NOT NULL,
    error               VARCHAR(1000)
);
