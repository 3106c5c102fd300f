package com.slm.adapter.libvirt;

import com.slm.domain.HostEndpoints;
import com.slm.domain.MigrationRequest;
import com.slm.port.PortException;
import com.slm.port.Topology;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * How one migration is asked of libvirt: peer-to-peer, live, persistent at the destination, undefined at the
 * source, kept paused at the destination until block 345 resumes it; always with an explicit migration URI
 * (without it the target advertises a host name that resolves to itself). A {@code tls://} migration URI, or
 * any untrusted target, means QEMU's migration TLS; a clear migration to an untrusted environment is refused.
 */
record MigrationPlan(String destinationUri, String migrationUri, int flags, List<TypedParameter> parameters) {

    static final String PARAM_URI = "migrate_uri";
    static final String PARAM_BANDWIDTH = "bandwidth";

    /** The plan for the request's target as the topology describes it; the pre-checks and the start ask the same. */
    static MigrationPlan of(MigrationRequest request, Topology topology) {
        HostEndpoints target = topology.host(request.target()).orElseThrow(() -> new PortException("Unknown host "
                + request.target() + ": not under slm.environments." + request.target().environment() + ".hosts", false));
        return of(request, target, topology.isTrusted(request.target().environment()));
    }

    static MigrationPlan of(MigrationRequest request, HostEndpoints target, boolean targetTrusted) {
        if (target.migrationUri() == null || target.migrationUri().isBlank()) {
            throw new PortException("No migration URI configured for " + request.target()
                    + " (slm.environments." + request.target().environment() + ".hosts." + request.target().host()
                    + ".migration-uri)", false);
        }
        URI configured = URI.create(target.migrationUri());
        boolean tls = "tls".equals(configured.getScheme());
        if (!tls && !targetTrusted) {
            throw new PortException("Refusing to migrate VM '" + request.vmName() + "' in clear to the untrusted "
                    + "environment '" + request.target().environment() + "': its migration URI "
                    + target.migrationUri() + " is not tls://", false);
        }
        String migrationUri = tls ? "tcp://" + configured.getRawAuthority() : target.migrationUri();
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
                | Domain.MigrateFlags.UNDEFINE_SOURCE | Domain.MigrateFlags.PAUSED;
        if (tls) {
            flags |= Domain.MigrateFlags.TLS;
        }
        if (request.autoConverge()) {
            flags |= Domain.MigrateFlags.AUTO_CONVERGE;
        }
        List<TypedParameter> parameters = new ArrayList<>();
        parameters.add(new TypedStringParameter(PARAM_URI, migrationUri));
        if (request.bandwidthMiBps() != null) {
            parameters.add(new TypedUlongParameter(PARAM_BANDWIDTH, request.bandwidthMiBps()));
        }
        return new MigrationPlan(target.peerUri(), migrationUri, flags, List.copyOf(parameters));
    }

    boolean tls() {
        return (flags & Domain.MigrateFlags.TLS) != 0;
    }
}
