package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.domain.MigrationProgress;
import com.slm.domain.MigrationRequest;
import com.slm.domain.MigrationState;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainJobInfo;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A progress read that races the end of the migration: the source's "no such domain" means the VM left. */
class MigrationProgressRaceTest {
    private static final HostRef SOURCE = new HostRef("secure", "site-a");
    private static final HostRef TARGET = new HostRef("remote", "site-b");
    private static final MigrationRequest REQUEST = new MigrationRequest("app", SOURCE, TARGET, "test", null, null, false, null);

    @Test
    void noDomainAtTheSourceWhileMigratingIsReadAsTheVmHavingLeft() throws Exception {
        Connect source = mock(Connect.class);
        Connect target = mock(Connect.class);
        Domain migrating = domain(2, DomainInfo.DomainState.VIR_DOMAIN_RUNNING);
        Domain arrived = domain(0, DomainInfo.DomainState.VIR_DOMAIN_PAUSED);
        LibvirtException noDomain = noDomain();
        // locate sees the job at the source; the stats read right after finds the domain gone (undefined at the end)
        when(source.domainLookupByName("app")).thenReturn(migrating).thenThrow(noDomain);
        when(target.domainLookupByName("app")).thenReturn(arrived);

        LibvirtConnections connections = mock(LibvirtConnections.class);
        when(connections.call(eq(SOURCE), anyString(), any())).thenAnswer(i -> i.<LibvirtConnections.Call<?>>getArgument(2).on(source));
        when(connections.call(eq(TARGET), anyString(), any())).thenAnswer(i -> i.<LibvirtConnections.Call<?>>getArgument(2).on(target));

        // the target first says its incoming migration runs, then that it is over (paused by the migration's end)
        Iterator<DomainStateReason.StateAndReason> reasons = List.of(
                new DomainStateReason.StateAndReason(DomainStateReason.PAUSED, 2),
                new DomainStateReason.StateAndReason(DomainStateReason.PAUSED, DomainStateReason.PAUSED_USER)).iterator();
        MigrationProgress progress = new LibvirtHypervisor(connections, null, null, d -> reasons.next()).migrationProgress(REQUEST);

        assertThat(progress.state()).isEqualTo(MigrationState.COMPLETED);
        assertThat(progress.detail()).contains("PAUSED_AT_TARGET");
    }

    private static Domain domain(int jobType, DomainInfo.DomainState state) throws LibvirtException {
        Domain domain = mock(Domain.class);
        DomainJobInfo job = mock(DomainJobInfo.class);
        when(job.getType()).thenReturn(jobType);
        DomainInfo info = mock(DomainInfo.class);
        info.state = state;
        when(domain.isActive()).thenReturn(1);
        when(domain.getJobInfo()).thenReturn(job);
        when(domain.getInfo()).thenReturn(info);
        when(domain.getJobStats(anyInt())).thenReturn(null);
        return domain;
    }

    private static LibvirtException noDomain() {
        Error error = mock(Error.class);
        when(error.getCode()).thenReturn(Error.ErrorNumber.VIR_ERR_NO_DOMAIN);
        LibvirtException e = mock(LibvirtException.class);
        when(e.getError()).thenReturn(error);
        return e;
    }
}
