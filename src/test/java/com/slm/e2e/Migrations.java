package com.slm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.slm.lab.Lab;
import com.slm.lab.WanCapture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A migration driven through the REST API the way Tasklist and Cockpit drive it. */
final class Migrations {
    private final RunningProduct product;

    Migrations(RunningProduct product) {
        this.product = product;
    }

    String start(String operator, String vm) {
        return start(operator, vm, "strict");
    }

    /** Starts a migration of {@code vm} from site A to site B in the given blackout mode ("strict" or "minimal"). */
    String start(String operator, String vm, String blackoutMode) {
        String body = """
                {"variables": {
                  "vmName": {"value": "%s"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
                  "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                  "reason": {"value": "end-to-end test: evacuate site A"},
                  "maxDowntimeMs": {"value": 300, "type": "Integer"}, "blackoutMode": {"value": "%s"}}}
                """.formatted(vm, blackoutMode);
        return product.post(operator, "/engine-rest/process-definition/key/secureLiveMigration/start", body, 200)
                .get("id").asText();
    }

    /** A migration that ended, as its id and its historic instance. */
    record Ended(String id, JsonNode instance) {
    }

    /**
     * Moves app to site B in the given mode (operator starts, approver approves) while the WAN is captured, waits for
     * its end and for its traffic with db and the legacy peer to flow again, and checks the capture: no guest address
     * in clear, nothing but IKE/ESP, libvirt TLS and QEMU's migration TLS, and both ESP and the migration stream seen.
     */
    Ended appWithNothingInClear(String mode, String capture) throws Exception {
        try (WanCapture wan = WanCapture.start(capture)) {
            String id = start("operator", "app", mode);
            approve("approver", id);
            JsonNode end = awaitEnd(id, 900);
            Instant ended = Instant.now();
            Lab.awaitRecords("db", "app", "stream", ended, 120);
            Lab.awaitRecords("db", "app", "conn", ended, 120);
            Lab.awaitRecords("legacy", "app", "stream", ended, 120);
            assertNothingInClear(wan, "the migration");
            return new Ended(id, end);
        }
    }

    /**
     * Stops the capture (2 s after the last traffic check) and checks it: no guest address in clear, nothing but
     * IKE/ESP, libvirt TLS and QEMU's migration TLS, and both ESP and the migration stream seen.
     */
    static void assertNothingInClear(WanCapture wan, String during) throws Exception {
        Thread.sleep(2000);
        wan.stop();
        assertThat(wan.count("src net 192.0.2.0/24 or dst net 192.0.2.0/24 or host 198.51.100.10"))
                .as("no guest address ever crosses the WAN in clear").isZero();
        assertThat(wan.count("ip and not (udp port 500 or udp port 4500 or esp or tcp port 16514 or tcp portrange 49152-49215)"))
                .as("only IKE/ESP, libvirt TLS and QEMU migration TLS on the WAN").isZero();
        assertThat(wan.count("udp port 4500")).as("ESP in UDP").isPositive();
        assertThat(wan.count("tcp portrange 49152-49215")).as("the migration stream (TLS)").isPositive();
        System.out.printf("WAN during %s: %d packets (%s)%n", during, wan.total(), wan.file());
    }

    /** Waits for the approval task of the migration, as the approver sees it. */
    JsonNode awaitTask(String approver, String instanceId) throws InterruptedException {
        return await("the approval task", 180, () -> {
            JsonNode tasks = product.get(approver, "/engine-rest/task?processInstanceId=" + instanceId);
            return tasks.isEmpty() ? null : tasks.get(0);
        });
    }

    /** The approver claims and approves, after checking that every pre-check passed. */
    void approve(String approver, String instanceId) throws InterruptedException {
        JsonNode task = awaitTask(approver, instanceId);
        String taskId = task.get("id").asText();
        JsonNode summary = product.get(approver, "/engine-rest/task/" + taskId + "/variables/preCheckSummary");
        if (summary.get("value").asText().contains("FAIL")) {
            throw new AssertionError("a pre-check failed:\n" + summary.get("value").asText());
        }
        product.post(approver, "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + approver + "\"}", 204);
        product.post(approver, "/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}, \"approvalComment\": {\"value\": \"ok, e2e\"}}}", 204);
    }

    JsonNode history(String instanceId) {
        return product.get("admin", "/engine-rest/history/process-instance/" + instanceId);
    }

    JsonNode awaitEnd(String instanceId, int seconds) throws InterruptedException {
        return await("the end of migration " + instanceId, seconds, () -> {
            JsonNode instance = history(instanceId);
            if (instance.hasNonNull("endTime")) {
                return instance;
            }
            JsonNode incidents = product.get("admin", "/engine-rest/incident?processInstanceId=" + instanceId);
            if (!incidents.isEmpty()) {
                throw new AssertionError("migration stopped with an incident: " + incidents.get(0).get("incidentMessage").asText());
            }
            return null;
        });
    }

    /** Waits until the instance has an active activity matching the id. */
    void awaitActivity(String instanceId, String activityId, int seconds) throws InterruptedException {
        await(activityId, seconds, () -> {
            JsonNode tree = product.get("admin", "/engine-rest/process-instance/" + instanceId + "/activity-instances");
            return tree.toString().contains("\"activityId\":\"" + activityId + "\"") ? tree : null;
        });
    }

    JsonNode variable(String instanceId, String name) {
        JsonNode found = product.get("admin", "/engine-rest/history/variable-instance?processInstanceId=" + instanceId
                + "&variableName=" + name + "&deserializeValues=false");
        return found.isEmpty() ? null : found.get(0).get("value");
    }

    List<JsonNode> activities(String instanceId) {
        List<JsonNode> result = new ArrayList<>();
        product.get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + instanceId
                + "&sortBy=startTime&sortOrder=asc").forEach(result::add);
        return result;
    }

    /** Steps that run more than once by design: the migration's progress poll and the routing-core wait. */
    static final List<String> LOOPS = List.of("Block330_LiveMigrate", "Block380_CheckRoutingCore", "MigrationPollTimer",
            "WaitForRoutingCore");

    /** Each step's job succeeded exactly once (loops aside) in the engine's job log, whatever crashed meanwhile. */
    void assertEachStepSucceededOnce(String instanceId, List<String> expectedSteps) {
        Map<String, Integer> successes = new HashMap<>();
        product.get("admin", "/engine-rest/history/job-log?processInstanceId=" + instanceId + "&successLog=true&maxResults=1000")
                .forEach(log -> successes.merge(log.get("activityId").asText(), 1, Integer::sum));
        successes.forEach((activity, count) -> {
            if (!LOOPS.contains(activity) && count != 1) {
                throw new AssertionError("the job of " + activity + " succeeded " + count + " times in " + instanceId);
            }
        });
        if (!successes.keySet().containsAll(expectedSteps)) {
            throw new AssertionError("steps without a successful job in " + instanceId + ": "
                    + expectedSteps.stream().filter(step -> !successes.containsKey(step)).toList());
        }
    }

    interface Probe {
        JsonNode poll() throws InterruptedException;
    }

    static JsonNode await(String what, int seconds, Probe probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            JsonNode result = probe.poll();
            if (result != null) {
                return result;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + seconds + " s for " + what);
    }

    static Predicate<JsonNode> activity(String id) {
        return a -> id.equals(a.get("activityId").asText());
    }
}
