package com.slm.process;

import com.slm.process.fixtures.TestProfiles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;

import static com.slm.domain.ProcessVariables.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Without a configured adapter nothing is faked: the step that needs it stops with an incident that names it. */
@SpringBootTest
@ActiveProfiles(resolver = TestProfiles.class)
class MissingAdapterProcessTest {
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;

    @Test
    void preChecksStopWithAnIncidentNamingTheMissingAdapter() {
        identity.setAuthentication("operator", List.of("migration-operators"));
        String id = runtime.startProcessInstanceByKey(PROCESS_KEY, ProcessTestSupport.request("app")).getId();
        identity.clearAuthentication();
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 10; attempt++) {
            for (Job job : management.createJobQuery().processInstanceId(id).withRetriesLeft().list()) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException expected) {
                    failures.add(expected.getMessage()); // counted down by the engine
                }
            }
        }
        assertThat(failures).as("every attempt failed for the missing adapter, nothing else").isNotEmpty()
                .allSatisfy(message -> assertThat(message).contains("No Hypervisor adapter is configured"));
        Incident incident = runtime.createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("RunPreChecks");
        assertThat(incident.getIncidentMessage())
                .contains("No Hypervisor adapter is configured: set slm.adapters.hypervisor=libvirt");
    }
}
