package com.slm.adapter.libvirt;

import com.slm.domain.HostRef;
import com.slm.domain.MigrationRequest;
import com.slm.port.PortException;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;

import java.util.Map;
import java.util.Optional;

/**
 * Reads of one domain on one host. A domain that is not there is an answer (empty), not an error: a migration that
 * just ended undefines the VM at its source between two calls, and that must read as "it left".
 */
class LibvirtDomains {
    private final LibvirtConnections connections;
    private final DomainStateReason.Reader stateReasons;

    LibvirtDomains(LibvirtConnections connections, DomainStateReason.Reader stateReasons) {
        this.connections = connections;
        this.stateReasons = stateReasons;
    }

    /** An active domain at the target: its state, and whether its incoming migration (if any) is over. */
    record TargetFacts(DomainState state, boolean incomingDone) {
    }

    /** Empty when the target has no active domain of that name. */
    Optional<TargetFacts> targetFacts(MigrationRequest request) {
        return unlessGone(request.target(), "look up " + request.vmName(), c -> {
            Domain domain = c.domainLookupByName(request.vmName());
            if (domain.isActive() != 1) {
                return Optional.empty();
            }
            DomainState state = domain.getInfo().state;
            return Optional.of(new TargetFacts(state, stateReasons.read(domain).incomingOver()));
        });
    }

    /** Empty when the host has no such domain. */
    Optional<DomainFacts> facts(HostRef host, String vmName) {
        return unlessGone(host, "look up " + vmName, c -> {
            Domain domain = c.domainLookupByName(vmName);
            boolean active = domain.isActive() == 1;
            boolean job = active && domain.getJobInfo().getType() != JobStats.TYPE_NONE;
            return Optional.of(new DomainFacts(active, domain.getInfo().state, domain.getMaxMemory(), job,
                    domain.getXMLDesc(0)));
        });
    }

    /**
     * The state of the active domain at the source, empty when it has none; libvirt's own record, QEMU is not asked
     * (a query to the source's QEMU waits while it does the last copy of a migration).
     */
    Optional<DomainState> sourceState(MigrationRequest request) {
        return unlessGone(request.source(), "read state of " + request.vmName(), c -> {
            Domain domain = c.domainLookupByName(request.vmName());
            return domain.isActive() == 1 ? Optional.of(domain.getInfo().state) : Optional.empty();
        });
    }

    /** The running job's figures at the source; empty when the source has no such domain any more (VIR_ERR_NO_DOMAIN). */
    Optional<JobStats> sourceJobStats(MigrationRequest request) {
        return unlessGone(request.source(), "read job of " + request.vmName(),
                c -> Optional.of(JobStats.of(c.domainLookupByName(request.vmName()).getJobStats(0))));
    }

    /**
     * The completed job's figures at the target; none when the target cannot say (they are for the record only). Read
     * without taking them: the migrations page reads them too, and so does a visit of block 330 that runs again.
     */
    JobStats completedStats(MigrationRequest request) {
        try {
            return connections.call(request.target(), "read completed job of " + request.vmName(),
                    c -> JobStats.of(c.domainLookupByName(request.vmName()).getJobStats(JobStats.COMPLETED | JobStats.KEEP_COMPLETED)));
        } catch (PortException e) {
            return JobStats.of(JobStats.TYPE_NONE, Map.of());
        }
    }

    /**
     * The call's answer, or empty when the domain is not there: at the lookup, or between two calls, when a migration
     * that just completed undefined it.
     */
    private <T> Optional<T> unlessGone(HostRef host, String action, LibvirtConnections.Call<Optional<T>> call) {
        return connections.call(host, action, c -> {
            try {
                return call.on(c);
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNoDomain(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }
}
