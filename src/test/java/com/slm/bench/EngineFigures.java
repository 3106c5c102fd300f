package com.slm.bench;

import com.slm.bench.EngineRecords.Activity;
import com.slm.bench.EngineRecords.Instance;
import com.slm.bench.EngineRecords.JobLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.slm.domain.ProcessVariables.APPROVAL_TASK;

/**
 * The figures of a run and its ledger of losses and duplicates, from what the engine recorded
 * ({@link EngineRecords}), when each job was acquired ({@link AcquisitionLog}) and what the port doubles were asked
 * to do ({@link PortCalls}).
 */
final class EngineFigures {
    /** The asynchronous steps of a migration that takes the plain path (no subnet tunnel, no leftover sessions). */
    static final List<String> STEPS = List.of("Block315_SelectTargetEnvironment", "RunPreChecks",
            "Block320_DisableCommunication", "Block325_CloseVmAtSource", "Block330_LiveMigrate",
            "RecheckWholeSubnetMoved", "InstallIpsecPolicy", "ResumeVmAtTarget", "InventoryConnections",
            "Block370_EnableCommunication");
    /** The step whose job the approval creates, not the step before it: no gap is measured across the user task. */
    private static final String AFTER_APPROVAL = "Block320_DisableCommunication";
    private static final String END = "Block395_End";

    private final EngineRecords records;
    private final Map<String, Long> acquired;
    private final Map<String, Long> portCalls;
    private final Map<String, Activity> stepRuns = new HashMap<>();
    private final Map<String, Long> created = new HashMap<>();

    EngineFigures(EngineRecords records, Map<String, Long> acquired, Map<String, Long> portCalls) {
        this.records = records;
        this.acquired = acquired;
        this.portCalls = portCalls;
        records.activities().stream().filter(a -> STEPS.contains(a.activityId()))
                .forEach(a -> stepRuns.put(key(a.instanceId(), a.activityId()), a));
        records.jobLogs().stream().filter(log -> log.state() == JobLog.CREATED).forEach(log -> created.put(log.jobId(), log.at()));
    }

    /** Everything lost or duplicated, and anything else that went wrong; empty when the run was clean. */
    List<String> problems(int expected) {
        List<String> problems = new ArrayList<>();
        List<Instance> instances = records.instances();
        Set<String> vms = new HashSet<>();
        instances.forEach(i -> vms.add(i.vm()));
        if (instances.size() != expected || vms.size() != expected) {
            problems.add(instances.size() + " migrations of " + vms.size() + " VMs recorded, " + expected + " started");
        }
        long unfinished = instances.stream().filter(i -> i.end() < 0 || !END.equals(i.endActivity())).count();
        if (unfinished > 0) {
            problems.add(unfinished + " migrations did not end at " + END);
        }
        Map<String, Integer> successes = new HashMap<>();
        successfulSteps().forEach(log -> successes.merge(key(log.instanceId(), log.activityId()), 1, Integer::sum));
        for (Instance instance : instances) {
            for (String step : STEPS) {
                int times = successes.getOrDefault(key(instance.id(), step), 0);
                if (times != 1) {
                    problems.add("the job of " + step + " in " + instance.vm() + " succeeded " + times + " times");
                }
            }
        }
        long failed = records.jobLogs().stream().filter(log -> log.state() == JobLog.FAILED).count();
        if (failed > 0) {
            problems.add(failed + " failed job attempts");
        }
        if (records.jobsLeft() > 0 || records.incidents() > 0) {
            problems.add(records.jobsLeft() + " jobs left, " + records.incidents() + " incidents");
        }
        portCalls.forEach((call, times) -> {
            if (times != 1) {
                problems.add("port call '" + call + "' happened " + times + " times");
            }
        });
        long started = portCalls.keySet().stream().filter(call -> call.startsWith("startMigration ")).count();
        if (started != expected) {
            problems.add(started + " VMs had their migration started, " + expected + " expected");
        }
        return problems;
    }

    /** The figures, one per line, "name: value". */
    Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        long firstApproval = records.activities().stream().filter(a -> a.activityId().equals(APPROVAL_TASK))
                .mapToLong(Activity::end).filter(t -> t >= 0).min().orElse(-1);
        long firstStart = records.instances().stream().mapToLong(Instance::start).min().orElse(-1);
        long lastEnd = records.instances().stream().mapToLong(Instance::end).max().orElse(-1);
        long lastWaiting = records.activities().stream().filter(a -> a.activityId().equals(APPROVAL_TASK))
                .mapToLong(Activity::start).max().orElse(-1);
        int n = records.instances().size();
        figures.put("migrations_per_s", "%.1f (%d migrations from the first approval to the last end, %.1f s)"
                .formatted(rate(n, firstApproval, lastEnd), n, (lastEnd - firstApproval) / 1000.0));
        figures.put("starts_per_s", "%.1f (start, block 315 and pre-checks of %d, until the last waits for approval, %.1f s)"
                .formatted(rate(n, firstStart, lastWaiting), n, (lastWaiting - firstStart) / 1000.0));
        List<Long> toStart = new ArrayList<>();
        List<Long> toAcquired = new ArrayList<>();
        List<Long> acquiredToStart = new ArrayList<>();
        List<Long> run = new ArrayList<>();
        int followUps = 0;
        for (JobLog log : successfulSteps()) {
            Activity step = stepRuns.get(key(log.instanceId(), log.activityId()));
            Long made = created.get(log.jobId());
            Long taken = acquired.get(log.jobId());
            if (step == null || made == null) {
                continue;
            }
            toStart.add(step.start() - made);
            run.add(step.end() - step.start());
            if (taken == null) {
                followUps++;
            } else {
                toAcquired.add(taken - made);
                acquiredToStart.add(step.start() - taken);
            }
        }
        figures.put("step_overhead_job_created_to_step_start", Distribution.of(toStart).toString());
        figures.put("step_gap_previous_step_end_to_step_start", Distribution.of(gaps()).toString());
        figures.put("job_acquisition_latency_created_to_acquired", Distribution.of(toAcquired).toString());
        figures.put("job_queue_acquired_to_step_start", Distribution.of(acquiredToStart).toString());
        figures.put("jobs_run_as_follow_up_without_acquisition", followUps + " of " + toStart.size());
        figures.put("step_run_start_to_end", Distribution.of(run).toString());
        return figures;
    }

    /** From the end of one step to the start of the next, within a migration, the approval aside. */
    private List<Long> gaps() {
        List<Long> gaps = new ArrayList<>();
        for (Instance instance : records.instances()) {
            for (int i = 1; i < STEPS.size(); i++) {
                Activity previous = stepRuns.get(key(instance.id(), STEPS.get(i - 1)));
                Activity next = stepRuns.get(key(instance.id(), STEPS.get(i)));
                if (previous != null && next != null && !STEPS.get(i).equals(AFTER_APPROVAL)) {
                    gaps.add(next.start() - previous.end());
                }
            }
        }
        return gaps;
    }

    private List<JobLog> successfulSteps() {
        return records.jobLogs().stream().filter(log -> log.state() == JobLog.SUCCEEDED && STEPS.contains(log.activityId())).toList();
    }

    private static double rate(int count, long from, long to) {
        return to > from ? count * 1000.0 / (to - from) : 0;
    }

    private static String key(String instanceId, String activityId) {
        return instanceId + "/" + activityId;
    }
}
