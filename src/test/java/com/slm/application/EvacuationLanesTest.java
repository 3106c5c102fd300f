package com.slm.application;

import com.slm.domain.EvacuationRequest;
import com.slm.domain.HostRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How an evacuation's VMs are dealt to its lanes: in the request's order, never an empty lane, never a VM twice. */
class EvacuationLanesTest {

    private static List<String> lanes(int parallelism, String... vms) {
        return EvacuationPreChecks.lanes(new EvacuationRequest("192.0.2.0/26", List.of(vms), "secure",
                new HostRef("remote", "site-b"), "maintenance", null, null, false, null, parallelism));
    }

    @Test
    void theFirstVmsStartAtOnceAndEachLaneTakesEveryParallelismThVm() {
        assertThat(lanes(2, "a", "b", "c", "d", "e")).containsExactly("a,c,e", "b,d");
        assertThat(lanes(3, "a", "b", "c", "d", "e")).containsExactly("a,d", "b,e", "c");
    }

    @Test
    void oneLaneMovesThemOneAfterTheOtherInTheRequestsOrder() {
        assertThat(lanes(1, "db", "app", "web")).containsExactly("db,app,web");
    }

    @Test
    void moreParallelismThanVmsGivesEachVmItsOwnLaneAndNoEmptyOne() {
        assertThat(lanes(8, "app", "db")).containsExactly("app", "db");
    }
}
