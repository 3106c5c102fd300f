package com.slm.process;

import com.slm.process.lock.VmAlreadyMigratingException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** One migration per VM at a time: the lock table's key in the start transaction, released however it ends. */
class OneMigrationPerVmProcessTest extends ProcessTestSupport {
    private static final String START = "/engine-rest/process-definition/key/secureLiveMigration/start";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.slm.process.lock.VmMigrationLocks locks;
    @Autowired
    TestRestTemplate rest;

    @Test
    void aSecondStartForTheSameVmIsRefusedUntilTheFirstEnds() {
        ProcessInstance first = startAs("operator", request("app"));

        assertThatThrownBy(() -> startAs("lead", request("app")))
                .isInstanceOf(VmAlreadyMigratingException.class)
                .hasMessageContaining("VM 'app'").hasMessageContaining(first.getId());
        assertThat(runningOf("app")).containsExactly(first.getId());
        assertThat(startAs("operator", request("db"))).as("other VMs are not held").isNotNull();

        runDueJobs(first);
        decideAs("approver", first, "reject");
        assertThat(first).isEnded();
        assertThat(lockRows("app")).isZero();
        ProcessInstance again = startAs("lead", request("app"));
        assertThat(runningOf("app")).containsExactly(again.getId());
    }

    @Test
    void theLockIsReleasedWhenTheMigrationIsCancelledOrDeleted() {
        ProcessInstance cancelled = startAs("operator", request("app"));
        runDueJobs(cancelled);
        runtime.createMessageCorrelation(MESSAGE_CANCEL_MIGRATION).processInstanceId(cancelled.getId()).correlate();
        assertThat(cancelled).isEnded().hasPassed("EndCancelled");
        assertThat(lockRows("app")).isZero();

        ProcessInstance deleted = startAs("operator", request("app"));
        runtime.deleteProcessInstance(deleted.getId(), "withdrawn by an admin");
        assertThat(lockRows("app")).isZero();

        ProcessInstance rolledBack = approvedMigration("app");
        runDueJobs(rolledBack);
        com.slm.process.fixtures.FakeHypervisor.failMigration("app");
        advanceClock(3);
        runDueJobs(rolledBack);
        assertThat(rolledBack).isEnded().hasPassed("EndRolledBack");
        assertThat(lockRows("app")).isZero();

        // Deleted with its listeners skipped (an admin's choice in Cockpit): the row stays, but no longer holds the VM.
        ProcessInstance skipped = startAs("operator", request("app"));
        runtime.deleteProcessInstance(skipped.getId(), "deleted skipping listeners", true);
        assertThat(lockRows("app")).isEqualTo(1);
        ProcessInstance next = startAs("operator", request("app"));
        assertThat(jdbc.queryForObject("SELECT process_instance_id FROM slm_vm_migration_lock WHERE vm_name = 'app'",
                String.class)).isEqualTo(next.getId());
    }

    @Test
    void theLockIsWrittenInTheEnginesTransaction() {
        // The engine runs each command in a Spring-managed transaction on the product's DataSource; the lock's
        // JdbcTemplate joins it, so whatever fails later in the start command takes the lock back with it.
        var commands = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        assertThatThrownBy(() -> commands.execute(context -> {
            locks.acquire("app", "an-instance-that-fails-to-start");
            assertThat(lockRows("app")).isEqualTo(1);
            throw new IllegalStateException("the start fails after the lock was taken");
        })).hasMessageContaining("fails after the lock");
        assertThat(lockRows("app")).isZero();
        assertThatThrownBy(() -> locks.acquire("app", "no-transaction")).as("never outside a transaction")
                .isInstanceOf(IllegalStateException.class);
        assertThat(lockRows("app")).isZero();
        assertThat(startAs("operator", request("app"))).isNotNull();
        assertThat(lockRows("app")).isEqualTo(1);
    }

    @Test
    void twoStartsRacingForTheSameVmCreateExactlyOneMigration() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Throwable> refused = Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> starts = new ArrayList<>();
                for (String user : List.of("operator", "lead")) {
                    starts.add(threads.submit(() -> {
                        go.await();
                        try {
                            startAs(user, request("app"));
                        } catch (RuntimeException e) {
                            refused.add(e);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> start : starts) {
                    start.get(60, TimeUnit.SECONDS);
                }
                List<String> running = runningOf("app");
                assertThat(running).as("round " + round).hasSize(1);
                assertThat(refused).as("round " + round).hasSize(1);
                assertThat(lockRows("app")).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT process_instance_id FROM slm_vm_migration_lock WHERE vm_name = 'app'",
                        String.class)).isEqualTo(running.get(0));
                deleteRunningMigrations(runtime);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theRestApiAnswers409NamingTheRunningMigration() {
        ResponseEntity<String> first = post("operator", "op-pass", body("app"));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        String id = runningOf("app").get(0);

        for (String path : List.of(START, "/engine-rest/engine/default/process-definition/key/secureLiveMigration/submit-form")) {
            ResponseEntity<String> second = exchange("lead", "le-pass", path, body("app"));
            assertThat(second.getStatusCode()).as(path).isEqualTo(HttpStatus.CONFLICT);
            assertThat(second.getBody()).contains("VM 'app' is already being migrated").contains(id);
        }
        assertThat(post("auditor", "au-pass", body("app")).getStatusCode())
                .as("who may not start at all is told so, not about the running migration").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runningOf("app")).containsExactly(id);
        assertThat(post("lead", "le-pass", body("db")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private List<String> runningOf(String vm) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(vm)
                .list().stream().map(ProcessInstance::getId).toList();
    }

    private int lockRows(String vm) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM slm_vm_migration_lock WHERE vm_name = ?", Integer.class, vm);
    }

    private ResponseEntity<String> post(String user, String password, String body) {
        return exchange(user, password, START, body);
    }

    private ResponseEntity<String> exchange(String user, String password, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(user, password);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static String body(String vm) {
        return """
                {"variables": {
                  "vmName": {"value": "%s"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
                  "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                  "reason": {"value": "maintenance"}}}
                """.formatted(vm);
    }
}
