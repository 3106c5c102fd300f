-- Sealed audit records: one per finished migration, in end-time order, each hash chained to the one before:
--   hash = SHA-256(prev_hash || record), prev_hash of the first record = 64 zeros.
-- The record is the canonical JSON of the migration's audit record (see docs/audit.md); it outlives the
-- engine's history cleanup. Works on H2 and PostgreSQL.
CREATE TABLE slm_audit_seal (
    seq                 BIGINT       NOT NULL PRIMARY KEY,
    process_instance_id VARCHAR(64)  NOT NULL UNIQUE,
    vm_name             VARCHAR(64),
    source_environment  VARCHAR(64),
    target_environment  VARCHAR(64),
    outcome             VARCHAR(32),
    started_at          TIMESTAMP,
    ended_at            TIMESTAMP,
    sealed_at           TIMESTAMP    NOT NULL,
    record              TEXT         NOT NULL,
    prev_hash           CHAR(64)     NOT NULL,
    hash                CHAR(64)     NOT NULL
);
CREATE INDEX slm_audit_seal_ended ON slm_audit_seal (ended_at);
