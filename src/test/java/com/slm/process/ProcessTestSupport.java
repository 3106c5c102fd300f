package com.slm.process;

import com.slm.domain.HostRef;
import com.slm.process.fixtures.FakeWorld;
import com.slm.process.fixtures.PortDoubles;
import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static com.slm.domain.ProcessVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * Shared driving of the model in process tests: the job executor is off, every job is run explicitly, the engine
 * clock is moved for timers, and the port doubles' world is reset for each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(PortDoubles.class)
abstract class ProcessTestSupport {
    static final HostRef SITE_A = new HostRef("secure", "site-a");
    static final HostRef SITE_B = new HostRef("remote", "site-b");
    static final FakeWorld WORLD = FakeWorld.WORLD;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    HistoryService history;

    @BeforeEach
    void resetWorld() {
        init(engine);
        WORLD.reset();
        WORLD.vmRunsAt("db", SITE_A);
        WORLD.vmRunsAt("app", SITE_A);
        WORLD.vmRunsAt("web", SITE_A);
        ClockUtil.reset();
    }

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        ClockUtil.reset();
        deleteRunningEvacuations(runtime);
        deleteRunningMigrations(runtime);
    }

    /**
     * One migration per VM: a test that leaves a migration running would hold its VM for the next test of the
     * same context. Deleted as the product would (no user, listeners run, so the VM's lock is released).
     */
    static void deleteRunningMigrations(RuntimeService runtime) {
        List<String> running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).list().stream()
                .map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "test clean-up", false, true);
        }
    }

    /** Evacuations left running would hold their VMs' migrations: deleted (with them) like migrations. */
    static void deleteRunningEvacuations(RuntimeService runtime) {
        List<String> running = runtime.createProcessInstanceQuery().processDefinitionKey(EVACUATION_KEY).list().stream()
                .map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "test clean-up", false, true);
        }
    }

    static final String SUBNET_1 = "192.0.2.0/26";

    /** An evacuation of subnet 1 (db and app) from site A to site B, {@code parallelism} at a time. */
    static Map<String, Object> evacuationRequest(int parallelism) {
        Map<String, Object> request = new HashMap<>();
        request.put(SUBNET, SUBNET_1);
        request.put(SOURCE_ENVIRONMENT, "secure");
        request.put(TARGET_ENVIRONMENT, "remote");
        request.put(TARGET_HOST, "site-b");
        request.put(REASON, "maintenance of site A");
        request.put(PARALLELISM, parallelism);
        return request;
    }

    ProcessInstance startEvacuationAs(String user, Map<String, Object> request) {
        return as(user, () -> runtime.startProcessInstanceByKey(EVACUATION_KEY, request));
    }

    Task evacuationApproval(ProcessInstance evacuation) {
        return tasks.createTaskQuery().processInstanceId(evacuation.getId())
                .taskDefinitionKey(EVACUATION_APPROVAL_TASK).singleResult();
    }

    void approveEvacuationAs(String user, ProcessInstance evacuation) {
        String taskId = evacuationApproval(evacuation).getId();
        as(user, () -> {
            tasks.complete(taskId, Map.of(APPROVAL_DECISION, "approve", APPROVAL_COMMENT, "the whole batch"));
            return null;
        });
    }

    /** Every due job of every instance (the evacuation and the migrations it called), until none is left. */
    void runAllDueJobs() {
        runDueJobsOfAllBut(null);
    }

    /** Every due job of every instance but {@code excluded} (null: none), until none is left. */
    void runDueJobsOfAllBut(ProcessInstance excluded) {
        for (int round = 0; round < 200; round++) {
            List<Job> due = management.createJobQuery().executable().list().stream()
                    .filter(job -> excluded == null || !job.getProcessInstanceId().equals(excluded.getId())).toList();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
            }
        }
        throw new AssertionError("jobs still due after 200 rounds");
    }

    /** The value a process instance's variable has, or had (from the history). */
    Object historic(String processInstanceId, String name) {
        var found = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name).list();
        return found.isEmpty() ? null : found.get(0).getValue();
    }

    /** Due jobs of this instance only (not of the instances it called), until none is left. */
    void runDueJobsOnlyOf(ProcessInstance instance) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("jobs still due after 50 rounds");
    }

    /** The migrations an evacuation called, oldest first. */
    List<HistoricProcessInstance> migrationsOf(ProcessInstance evacuation) {
        return history.createHistoricProcessInstanceQuery().superProcessInstanceId(evacuation.getId())
                .orderByProcessInstanceStartTime().asc().list();
    }

    static Map<String, Object> request(String vm) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VM_NAME, vm);
        variables.put(SOURCE_ENVIRONMENT, "secure");
        variables.put(SOURCE_HOST, "site-a");
        variables.put(TARGET_ENVIRONMENT, "remote");
        variables.put(TARGET_HOST, "site-b");
        variables.put(REASON, "maintenance of site A");
        variables.put(BANDWIDTH_MIBPS, 100);
        variables.put(MAX_DOWNTIME_MS, 300);
        return variables;
    }

    /** Starts a migration as {@code user}, the way Tasklist does (the user is the initiator). */
    ProcessInstance startAs(String user, Map<String, Object> variables) {
        return as(user, () -> runtime.startProcessInstanceByKey(PROCESS_KEY, variables));
    }

    /** Runs {@code call} as the engine's authenticated {@code user}, with that user's groups; exceptions pass through. */
    <T> T as(String user, Supplier<T> call) {
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
        try {
            return call.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * Runs every job of the instance that is due now (async continuations, due timers), until none is left. A job
     * that throws fails the test at once: a test that expects failures says so with {@link #runDueJobsExpectingFailures}.
     */
    void runDueJobs(ProcessInstance instance) {
        runDueJobsUntil(instance, null);
    }

    /** Runs due jobs like {@link #runDueJobs}, but leaves the job of {@code activityId} (if not null) waiting. */
    void runDueJobsUntil(ProcessInstance instance, String activityId) {
        runJobs(instance, activityId, false);
    }

    /**
     * Runs due jobs like {@link #runDueJobs}, for tests that make steps fail: a failing job stays with fewer
     * retries (or becomes an incident) for the test to inspect. Returns what the jobs threw, in order.
     */
    List<RuntimeException> runDueJobsExpectingFailures(ProcessInstance instance) {
        return runJobs(instance, null, true);
    }

    /** {@link #runDueJobsExpectingFailures}, leaving the job of {@code activityId} waiting. */
    List<RuntimeException> runDueJobsUntilExpectingFailures(ProcessInstance instance, String activityId) {
        return runJobs(instance, activityId, true);
    }

    private List<RuntimeException> runJobs(ProcessInstance instance, String activityId, boolean failuresExpected) {
        List<RuntimeException> failures = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            List<String> held = activityId == null ? List.of() : management.createJobQuery()
                    .processInstanceId(instance.getId()).activityId(activityId).list().stream().map(Job::getId).toList();
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list().stream()
                    .filter(job -> !held.contains(job.getId())).toList();
            if (due.isEmpty()) {
                return failures;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    if (!failuresExpected) {
                        throw new AssertionError("job of " + describe(job) + " failed unexpectedly: " + e.getMessage()
                                + " (a test that expects it runs runDueJobsExpectingFailures)", e);
                    }
                    failures.add(e);
                }
            }
        }
        throw new AssertionError("jobs still due after 100 rounds: is the model looping without a wait state?");
    }

    /**
     * Runs due jobs like {@link #runDueJobs}, but each job twice, the way a crash replays it: the first run does its
     * work and then its transaction rolls back before the commit (the port doubles' world keeps what was done, the
     * engine forgets it), the second run is the engine's retry. Asserts that the second run changed nothing in the
     * world, and returns the activities that were replayed, in order.
     */
    List<String> runDueJobsCrashingBeforeEachCommit(ProcessInstance instance) {
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        List<String> replayed = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (due.isEmpty()) {
                return replayed;
            }
            Job job = due.get(0);
            String activity = describe(job);
            try {
                commands.execute(context -> {
                    context.getTransactionContext().addTransactionListener(TransactionState.COMMITTING, c -> {
                        throw new CrashBeforeCommit();
                    });
                    return new ExecuteJobsCmd(job.getId(), new JobFailureCollector(job.getId())).execute(context);
                });
                throw new AssertionError("the simulated crash did not happen for " + activity);
            } catch (CrashBeforeCommit expected) {
                // the work is done, the engine's state is as before the job
            }
            String afterFirstRun = WORLD.snapshot();
            runJob(job, activity);
            assertThat(WORLD.snapshot()).as("running %s a second time", activity).isEqualTo(afterFirstRun);
            replayed.add(activity);
        }
        throw new AssertionError("jobs still due after 100 rounds: is the model looping without a wait state?");
    }

    private void runJob(Job job, String activity) {
        try {
            management.executeJob(job.getId());
        } catch (RuntimeException e) {
            throw new AssertionError("job of " + activity + " failed unexpectedly: " + e.getMessage(), e);
        }
    }

    /** Thrown while committing a job's transaction: the job's work happened, its commit did not. */
    private static final class CrashBeforeCommit extends RuntimeException {
        CrashBeforeCommit() {
            super("simulated crash before the commit", null, false, false);
        }
    }

    /** The activity the job belongs to (its job definition's), or the job's id. */
    private String describe(Job job) {
        JobDefinition definition = job.getJobDefinitionId() == null ? null
                : management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition != null && definition.getActivityId() != null ? definition.getActivityId() : "job " + job.getId();
    }

    /** Moves the engine clock forward, so that timers become due. */
    void advanceClock(long seconds) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + seconds * 1000));
    }

    Task approvalTask(ProcessInstance instance) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("ApproveMigration").singleResult();
    }

    void decideAs(String user, ProcessInstance instance, String decision) {
        String taskId = approvalTask(instance).getId();
        as(user, () -> {
            tasks.complete(taskId, Map.of(APPROVAL_DECISION, decision, APPROVAL_COMMENT, "checked by " + user));
            return null;
        });
    }

    /** Start, pre-check and approve: the instance then waits for its first migration job. */
    ProcessInstance approvedMigration(String vm) {
        ProcessInstance instance = startAs("operator", request(vm));
        runDueJobs(instance);
        decideAs("approver", instance, "approve");
        return instance;
    }

    Object variable(ProcessInstance instance, String name) {
        var found = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name).list();
        return found.isEmpty() ? null : found.get(0).getValue();
    }
}
