package com.slm.bench;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static com.slm.domain.ProcessVariables.*;

/**
 * Starts and approves migrations through the engine's Java API, the way the process tests do and with the same
 * checks as a start from Tasklist or REST: the start runs as the logged-in operator, so block 310's listener
 * validates and seals the request and takes the VM's lock; the approval is completed by another user, the
 * approver, which the four-eyes listener requires. A few threads each, as several users at once would.
 */
final class LoadDriver {
    static final String OPERATOR = "operator";
    static final String APPROVER = "approver";

    private final ProcessEngine engine;
    private final int threads;

    LoadDriver(ProcessEngine engine, int threads) {
        this.engine = engine;
        this.threads = threads;
    }

    /** Starts one migration per VM from site A to site B; returns the instance ids. */
    List<String> start(List<String> vms) throws InterruptedException {
        return inParallel(OPERATOR, vms, vm -> engine.getRuntimeService()
                .startProcessInstanceByKey(PROCESS_KEY, request(vm)).getId());
    }

    /** Approves every waiting approval task of these instances; returns how many. */
    int approve(List<String> instanceIds) throws InterruptedException {
        List<String> tasks = new ArrayList<>();
        for (int from = 0; from < instanceIds.size(); from += 500) {
            // the query's IN list stays small, whatever N
            engine.getTaskService().createTaskQuery().taskDefinitionKey(APPROVAL_TASK)
                    .processInstanceIdIn(instanceIds.subList(from, Math.min(instanceIds.size(), from + 500)).toArray(String[]::new))
                    .list().stream().map(Task::getId).forEach(tasks::add);
        }
        return inParallel(APPROVER, tasks, task -> {
            engine.getTaskService().complete(task, Map.of(APPROVAL_DECISION, "approve", APPROVAL_COMMENT, "load harness"));
            return task;
        }).size();
    }

    private static Map<String, Object> request(String vm) {
        return Map.of(VM_NAME, vm, SOURCE_ENVIRONMENT, "secure", SOURCE_HOST, "site-a", TARGET_ENVIRONMENT, "remote",
                TARGET_HOST, "site-b", REASON, "engine load harness", MAX_DOWNTIME_MS, 300);
    }

    /** Runs {@code call} for each item on the pool, each thread logged in as {@code user}; any failure ends the run. */
    private List<String> inParallel(String user, List<String> items, Function<String, String> call) throws InterruptedException {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        List<String> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String item : items) {
                done.add(pool.submit(() -> {
                    identity.setAuthentication(user, groups);
                    try {
                        results.add(call.apply(item));
                    } finally {
                        identity.clearAuthentication();
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the load driver failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return results;
    }
}
