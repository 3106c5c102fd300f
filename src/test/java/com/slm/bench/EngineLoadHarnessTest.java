package com.slm.bench;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load harness's own logic, small and in one JVM on H2, so that it cannot rot: the driver's starts and
 * four-eyes approvals, the instant port doubles, the job executor running every step, and the ledger that finds
 * lost or duplicated migrations and steps. No time is asserted: the figures come from scripts/bench-engine.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:engine-bench-${random.uuid};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "SLM_DATA_DIR=target/engine-bench-test/${random.uuid}",
        // the job executor runs here (process tests switch it off); it polls often, the test waits less
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=200"})
@ActiveProfiles("bench")
@Import(InstantPorts.class)
class EngineLoadHarnessTest {
    private static final int MIGRATIONS = 20;

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    AcquisitionLog acquisitions;
    @Autowired
    PortCalls portCalls;

    @DynamicPropertySource
    static void vmsAndUsers(DynamicPropertyRegistry registry) {
        Map<String, Object> properties = new HashMap<>(BenchVms.properties(MIGRATIONS));
        properties.putAll(BenchUsers.properties());
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void everyMigrationEndsOnceWithEachStepOnce() throws Exception {
        LoadDriver driver = new LoadDriver(engine, 4);
        List<String> started = driver.start(BenchVms.names(0, MIGRATIONS));
        assertThat(started).hasSize(MIGRATIONS).doesNotHaveDuplicates();
        awaitCount("waiting for approval", EngineRecords::waitingForApproval);
        assertThat(driver.approve(started)).isEqualTo(MIGRATIONS);
        awaitCount("ended", EngineRecords::ended);

        try (Connection db = dataSource.getConnection()) {
            EngineFigures figures = new EngineFigures(EngineRecords.read(db), acquisitions.snapshot(), portCalls.snapshot());
            assertThat(figures.problems(MIGRATIONS)).isEmpty();
            // for whoever reads the report (target/surefire-reports): on H2, in one JVM, not the benchmark's figures
            figures.figures().forEach((name, value) -> System.out.println(name + ": " + value));
            assertThat(figures.figures()).containsKeys("migrations_per_s", "step_overhead_job_created_to_step_start",
                    "job_acquisition_latency_created_to_acquired").allSatisfy((name, value) -> assertThat(value).isNotBlank());
        }
        assertThat(portCalls.snapshot()).containsEntry("startMigration " + BenchVms.name(0), 1L);
    }

    /** The ledger is not blind: a lost migration, a step whose job succeeded twice, a side effect made twice. */
    @Test
    void ledgerReportsLossesAndDuplicates() {
        String id = "instance-1";
        List<EngineRecords.JobLog> jobs = new java.util.ArrayList<>();
        EngineFigures.STEPS.forEach(step -> jobs.add(new EngineRecords.JobLog("job-" + step, id, step,
                "async-continuation", EngineRecords.JobLog.SUCCEEDED, 1)));
        jobs.add(new EngineRecords.JobLog("again", id, "Block325_CloseVmAtSource", "async-continuation",
                EngineRecords.JobLog.SUCCEEDED, 2));
        EngineRecords records = new EngineRecords(List.of(new EngineRecords.Instance(id, BenchVms.name(0), 0, 5, "Block395_End")),
                List.of(), jobs, 0, 0);

        List<String> problems = new EngineFigures(records, Map.of(), Map.of("startMigration " + BenchVms.name(0), 2L)).problems(2);

        assertThat(problems).containsExactlyInAnyOrder("1 migrations of 1 VMs recorded, 2 started",
                "the job of Block325_CloseVmAtSource in bench-00001 succeeded 2 times",
                "port call 'startMigration bench-00001' happened 2 times",
                "1 VMs had their migration started, 2 expected");
    }

    private interface Count {
        int in(Connection db) throws SQLException;
    }

    private void awaitCount(String what, Count count) throws Exception {
        long deadline = System.currentTimeMillis() + 45_000;
        int seen = -1;
        while (System.currentTimeMillis() < deadline) {
            try (Connection db = dataSource.getConnection()) {
                seen = count.in(db);
            }
            if (seen == MIGRATIONS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(seen + " of " + MIGRATIONS + " migrations " + what + " after 45 s");
    }
}
