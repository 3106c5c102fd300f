package com.slm.adapter.strongswan;

import com.slm.adapter.strongswan.vici.FakeCharons;
import com.slm.cluster.NodeLeases;
import com.slm.port.Topology;
import com.slm.port.IpsecGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPsec adapter of one node (its own VICI connections, in-memory lock and health observations) on a database
 * shared with other nodes, against {@link FakeCharons}: for the cluster tests in {@code com.slm.process} (test code).
 */
public final class IpsecNode implements AutoCloseable {
    private final ViciGateways vici;
    private final StrongswanIpsecGateway gateway;
    private final SaHealer healer;
    private final ChildSaObservations observations = new ChildSaObservations(Clock.systemUTC());

    /**
     * @param jdbc   the database of the kept CHILD_SAs
     * @param leases this node's leases (on the same database, or on one that does not answer)
     */
    public IpsecNode(FakeCharons charons, Path pskFile, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                     NodeLeases leases, Topology environments) {
        StrongswanProperties settings = settings(charons, pskFile);
        this.vici = new ViciGateways(settings);
        KeptChildren kept = new KeptChildren(jdbc, transactions);
        ConnectionLocks locks = new ConnectionLocks(leases);
        this.gateway = new StrongswanIpsecGateway(vici, settings, environments, kept, locks);
        this.healer = new SaHealer(vici, settings, kept, locks, observations);
    }

    /** The adapter's settings for the two fake gateways (PSK, 5 s for a VICI call and for an establishment). */
    /** The same settings, with one environment's charon at another socket and another call timeout. */
    static StrongswanProperties withSocket(StrongswanProperties settings, String environment, Path socket, Duration callTimeout) {
        Map<String, StrongswanProperties.Gateway> gateways = new LinkedHashMap<>(settings.gateways());
        StrongswanProperties.Gateway g = gateways.get(environment);
        gateways.put(environment, new StrongswanProperties.Gateway(socket.toString(), g.address(), g.identity(),
                g.certificate(), g.privateKey(), g.caCertificate(), g.pskFile(), g.updown(), g.prepareHook()));
        return new StrongswanProperties(gateways, settings.espProposals(), settings.ikeProposals(),
                settings.udpEncapsulation(), callTimeout, settings.establishTimeout());
    }

    static StrongswanProperties settings(FakeCharons charons, Path pskFile) {
        Map<String, StrongswanProperties.Gateway> gateways = new LinkedHashMap<>();
        String[] addresses = {"203.0.113.1", "203.0.113.2"};
        for (int i = 0; i < FakeCharons.ENVIRONMENTS.size(); i++) {
            String environment = FakeCharons.ENVIRONMENTS.get(i);
            gateways.put(environment, new StrongswanProperties.Gateway(charons.socket(environment), addresses[i], addresses[i],
                    null, null, null, pskFile.toString(), null, List.of()));
        }
        return new StrongswanProperties(gateways, List.of("aes256-sha256"), List.of("aes256-sha256-modp2048"),
                true, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** One pass of this node's watchdog; how many CHILD_SAs it brought back. */
    public int watchdogPass() {
        return healer.heal();
    }

    /** The port, as this node's steps call it. */
    public IpsecGateway port() {
        return gateway;
    }

    /** The CHILD_SAs this node's watchdog saw missing at its last look, as {@code conn/child}. */
    public List<String> seenMissing() {
        return observations.snapshot().children().stream().filter(c -> c.checked() && !c.installedOnBoth())
                .map(ChildSaObservations.Child::name).toList();
    }

    @Override
    public void close() {
        vici.close();
    }
}
