package com.slm.adapter.libvirt;

import com.slm.domain.HostEndpoints;
import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.port.PortException;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationPlanTest {
    static final MigrationRequest REQUEST = new MigrationRequest("app", new HostRef("secure", "site-a"),
            new HostRef("remote", "site-b"), "r", 100, 300, true, null);

    @Test
    void tlsUriMeansQemuTlsOverTcpPeerToPeerPausedAtTheDestination() {
        MigrationPlan plan = MigrationPlan.of(REQUEST, new HostEndpoints("qemu+unix:///system?socket=/s",
                "qemu+tls://203.0.113.2/system", "tls://203.0.113.2"), false);
        assertThat(plan.destinationUri()).isEqualTo("qemu+tls://203.0.113.2/system");
        assertThat(plan.migrationUri()).isEqualTo("tcp://203.0.113.2");
        assertThat(plan.tls()).isTrue();
        int expected = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
                | Domain.MigrateFlags.UNDEFINE_SOURCE | Domain.MigrateFlags.PAUSED | Domain.MigrateFlags.TLS
                | Domain.MigrateFlags.AUTO_CONVERGE;
        assertThat(plan.flags()).isEqualTo(expected);
        assertThat(plan.parameters()).anySatisfy(p -> {
            assertThat(p).isInstanceOf(TypedStringParameter.class);
            assertThat(p.field).isEqualTo("migrate_uri");
            assertThat(p.getValueAsString()).isEqualTo("tcp://203.0.113.2");
        }).anySatisfy(p -> {
            assertThat(p).isInstanceOf(TypedUlongParameter.class);
            assertThat(p.field).isEqualTo("bandwidth");
            assertThat(p.getValueAsString()).isEqualTo("100");
        });
    }

    @Test
    void refusesAClearMigrationToAnUntrustedEnvironmentButAllowsItToATrustedOne() {
        HostEndpoints clear = new HostEndpoints("qemu:///system", null, "tcp://203.0.113.2");
        assertThatThrownBy(() -> MigrationPlan.of(REQUEST, clear, false)).isInstanceOf(PortException.class)
                .hasMessageContaining("in clear to the untrusted environment 'remote'");
        MigrationPlan trusted = MigrationPlan.of(REQUEST, clear, true);
        assertThat(trusted.tls()).isFalse();
        assertThat(trusted.destinationUri()).isEqualTo("qemu:///system");
    }

    @Test
    void aMissingMigrationUriIsAConfigurationError() {
        assertThatThrownBy(() -> MigrationPlan.of(REQUEST, new HostEndpoints("qemu:///system", null, null), true))
                .hasMessageContaining("No migration URI configured for remote/site-b");
    }
}
