package com.slm.application;

import com.slm.domain.RouteObservation;
import com.slm.port.RoutingCore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Blocks 380/385: wait for the routing core's own route, and give up with an incident at once after the window. */
class RoutingCoreWaitTest {
    private static final Instant SINCE = Instant.parse("2026-01-01T10:00:00Z");

    private final RoutingCore core = mock(RoutingCore.class);
    private final RoutingCoreWait wait = new RoutingCoreWait(core, Duration.ofMinutes(30));

    @Test
    void noRouteWithinTheWindowIsAnotherWait() {
        when(core.routeLearned("192.0.2.0/26", "remote")).thenReturn(new RouteObservation(false, "via the tunnel"));
        assertThat(wait.check("192.0.2.0/26", "remote", SINCE, SINCE.plus(Duration.ofMinutes(30))).learned()).isFalse();
    }

    @Test
    void noRouteAfterTheWindowGivesUpAtOnce() {
        when(core.routeLearned("192.0.2.0/26", "remote")).thenReturn(new RouteObservation(false, "via the tunnel"));
        assertThatThrownBy(() -> wait.check("192.0.2.0/26", "remote", SINCE, SINCE.plus(Duration.ofMinutes(31))))
                .isInstanceOf(RoutingCoreGaveUpException.class).isInstanceOf(IncidentAtOnce.class)
                .hasMessageStartingWith(RoutingCoreGaveUpException.GAVE_UP).hasMessageContaining("PT30M (via the tunnel)");
    }

    @Test
    void aLearnedRouteEndsTheWaitHoweverLate() {
        when(core.routeLearned("192.0.2.0/26", "remote")).thenReturn(new RouteObservation(true, "via remote's router"));
        assertThat(wait.check("192.0.2.0/26", "remote", SINCE, SINCE.plus(Duration.ofHours(5))).learned()).isTrue();
    }
}
