package com.slm.adapter.libvirt;

import com.slm.domain.MigrationRequest;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;

/** libvirt's peer-to-peer migration: the source's libvirtd moves the VM to the target's and answers when it is over. */
class PeerToPeerMigration implements MigrationJobRunner.BlockingMigration {
    private final LibvirtConnections connections;

    PeerToPeerMigration(LibvirtConnections connections) {
        this.connections = connections;
    }

    @Override
    public void migrate(MigrationRequest request, MigrationPlan plan) throws LibvirtException {
        // Not through connections.call: this call lasts as long as the migration, by design.
        Connect source = new Connect(connections.hostSettings(request.source()).libvirtUri(), false);
        try {
            Domain domain = source.domainLookupByName(request.vmName());
            domain.migrateToURI(plan.destinationUri(), plan.parameters().toArray(TypedParameter[]::new), plan.flags());
        } finally {
            source.close();
        }
    }
}
