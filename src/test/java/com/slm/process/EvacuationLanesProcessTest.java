package com.slm.process;

import com.slm.process.fixtures.FakeHypervisor;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static com.slm.domain.ProcessVariables.*;
import static com.slm.process.fixtures.FakeWorld.WORLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The evacuation's parallelism is a bound, not a barrier: with three VMs two at a time, the first two start at once
 * and the third starts as soon as the first of its lane has ended, while the other lane's VM still runs. A third
 * subnet of three VMs, for this class only (the shared fixtures' subnets are asserted elsewhere).
 */
@TestPropertySource(properties = {
        "slm.environments.secure.subnets=192.0.2.0/26,192.0.2.64/26,192.0.2.128/26",
        "slm.vms.chat.address=192.0.2.130",
        "slm.vms.mail.address=192.0.2.131",
        "slm.vms.wiki.address=192.0.2.132"})
class EvacuationLanesProcessTest extends ProcessTestSupport {
    private static final String SUBNET_3 = "192.0.2.128/26";

    @Test
    void aSlowVmHoldsOnlyItsLaneAndTheTunnelStillComesOnceAfterTheLast() {
        for (String vm : List.of("chat", "mail", "wiki")) {
            WORLD.vmRunsAt(vm, SITE_A);
        }
        Map<String, Object> request = evacuationRequest(2);
        request.put(SUBNET, SUBNET_3);
        ProcessInstance evacuation = startEvacuationAs("operator", request);
        runAllDueJobs();
        assertThat((String) runtime.getVariable(evacuation.getId(), REQUEST_SUMMARY)).contains("3 VMs: chat, mail, wiki");
        assertThat((String) runtime.getVariable(evacuation.getId(), PRE_CHECK_SUMMARY))
                .contains("At most 2 at once, in lanes: [chat,wiki, mail]");
        approveEvacuationAs("approver", evacuation);
        runAllDueJobs();
        assertThat(keys(migrationsOf(evacuation))).as("two at once").containsExactlyInAnyOrder("chat", "mail");

        FakeHypervisor.completeMigration("chat", SITE_B);
        advanceClock(3);
        runAllDueJobs();
        assertThat(historic(migration(evacuation, "chat").getId(), OUTCOME)).isEqualTo("COMPLETED");
        assertThat(keys(migrationsOf(evacuation))).as("wiki follows chat in its lane").containsExactlyInAnyOrder("chat", "mail", "wiki");
        assertThat(migration(evacuation, "mail").getEndTime()).as("while mail, in the other lane, still runs").isNull();
        assertThat(runningMigrations(evacuation)).as("never more than the parallelism").hasSize(2);

        FakeHypervisor.completeMigration("mail", SITE_B);
        FakeHypervisor.completeMigration("wiki", SITE_B);
        advanceClock(3);
        runAllDueJobs();
        assertThat(evacuation).isWaitingAt("Evacuation385_WaitForRoutingCore");
        assertThat(WORLD.tunnels).containsExactly(SUBNET_3);
        WORLD.routeLearned = true;
        advanceClock(6);
        runAllDueJobs();

        assertThat(evacuation).isEnded().hasPassed("Evacuation390_RemoveTunnel", "EvacuationEnd");
        assertThat(WORLD.count("establishSubnetTunnel")).as("once for the subnet").isEqualTo(1);
        assertThat(historic(evacuation.getId(), EVACUATED_COUNT)).isEqualTo(3);
        assertThat(historic(evacuation.getId(), OUTCOME)).isEqualTo("COMPLETED");
    }

    private static List<String> keys(List<HistoricProcessInstance> migrations) {
        return migrations.stream().map(HistoricProcessInstance::getBusinessKey).toList();
    }

    private HistoricProcessInstance migration(ProcessInstance evacuation, String vm) {
        return migrationsOf(evacuation).stream().filter(m -> m.getBusinessKey().equals(vm)).findFirst().orElseThrow();
    }

    private List<HistoricProcessInstance> runningMigrations(ProcessInstance evacuation) {
        return migrationsOf(evacuation).stream().filter(m -> m.getEndTime() == null).toList();
    }
}
