-- One migration per VM at a time: a row while a migration of the VM is active (inserted in the start transaction
-- by block 310's start listener, removed when the instance ends in any way). The primary key on the VM name is
-- the gate two racing starts meet: the second insert fails and its start is rolled back. Works on H2 and PostgreSQL.
CREATE TABLE slm_vm_migration_lock (
    vm_name             VARCHAR(64)  NOT NULL PRIMARY KEY,
    process_instance_id VARCHAR(64)  NOT NULL,
    locked_at           TIMESTAMP    NOT NULL
);
CREATE INDEX slm_vm_migration_lock_instance ON slm_vm_migration_lock (process_instance_id);
