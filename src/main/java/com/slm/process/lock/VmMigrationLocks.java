package com.slm.process.lock;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * One migration per VM at a time, in the product table {@code slm_vm_migration_lock} (Flyway V4): a row per VM
 * with an active migration. Its primary key on the VM name is the real gate: of two starts that race, the second
 * insert fails and that start is rolled back, which a query alone could not guarantee.
 * <p>
 * The row is written in the engine's start transaction: the engine's transactions are Spring-managed on the same
 * DataSource, so this JdbcTemplate joins them (a start that fails later leaves no row; see
 * {@code OneMigrationPerVmProcessTest}). A row whose instance no longer runs (deleted with its listeners skipped)
 * does not hold the VM.
 */
@Component
public class VmMigrationLocks {
    /** Only rows whose process instance still runs hold a VM (engine table, read-only here). */
    private static final String LIVE_HOLDER = "SELECT l.process_instance_id FROM slm_vm_migration_lock l "
            + "WHERE l.vm_name = ? AND EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.ID_ = l.process_instance_id)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;

    public VmMigrationLocks(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separately.setReadOnly(true);
    }

    /** The running instance that holds the VM, if any. */
    public Optional<String> holder(String vmName) {
        List<String> ids = jdbc.queryForList(LIVE_HOLDER, String.class, vmName);
        return ids.stream().findFirst();
    }

    /**
     * Takes the VM for this instance, inside the caller's (the engine's) transaction, or refuses with the instance
     * that holds it.
     */
    public void acquire(String vmName, String processInstanceId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside a transaction the row would outlive a start that fails after it: never take the lock so.
            throw new IllegalStateException("the migration lock of VM '" + vmName + "' must be taken in the start transaction");
        }
        for (String id : jdbc.queryForList("SELECT process_instance_id FROM slm_vm_migration_lock WHERE vm_name = ?",
                String.class, vmName)) {
            if (running(id)) {
                throw new VmAlreadyMigratingException(vmName, id);
            }
            // A row left by an instance that no longer runs (deleted without listeners) gives way. Deleted by its
            // instance id: a row a racing start has just committed is never removed here.
            jdbc.update("DELETE FROM slm_vm_migration_lock WHERE vm_name = ? AND process_instance_id = ?", vmName, id);
        }
        try {
            jdbc.update("INSERT INTO slm_vm_migration_lock (vm_name, process_instance_id, locked_at) VALUES (?, ?, ?)",
                    vmName, processInstanceId, new Timestamp(ClockUtil.getCurrentTime().getTime()));
        } catch (DuplicateKeyException e) {
            // A start that raced this one committed first. PostgreSQL refuses any further statement in this
            // transaction, so the winner is read in a transaction of its own.
            throw new VmAlreadyMigratingException(vmName, separately.execute(s -> holder(vmName).orElse(null)));
        }
    }

    private boolean running(String processInstanceId) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE ID_ = ?", Integer.class, processInstanceId);
        return found != null && found > 0;
    }

    /** Frees the VM when its instance ends (however it ends); harmless when already free. */
    public void release(String processInstanceId) {
        jdbc.update("DELETE FROM slm_vm_migration_lock WHERE process_instance_id = ?", processInstanceId);
    }
}
