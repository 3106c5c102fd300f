package com.slm.adapter.strongswan;

import com.slm.cluster.NodeLeases;
import com.slm.port.Topology;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A private in-memory H2 database with the product's tables of kept CHILD_SAs and of leases, for adapter tests: the
 * IPsec adapter of one node.
 */
final class KeptChildrenDatabase {
    private KeptChildrenDatabase() {
    }

    static StrongswanIpsecGateway gateway(ViciGateways vici, StrongswanProperties settings, Topology topology) {
        DriverManagerDataSource data = new DriverManagerDataSource("jdbc:h2:mem:kept-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(data);
        for (String script : new String[]{"V5__ipsec_children.sql", "V6__node_lease.sql"}) {
            try {
                jdbc.execute(Files.readString(Path.of("db/migration", script)));
            } catch (IOException e) {
                throw new IllegalStateException("db/migration/" + script, e);
            }
        }
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(data);
        return new StrongswanIpsecGateway(vici, settings, topology, new KeptChildren(jdbc, transactions),
                new ConnectionLocks(new NodeLeases(jdbc, transactions, "adapter-test")));
    }
}
