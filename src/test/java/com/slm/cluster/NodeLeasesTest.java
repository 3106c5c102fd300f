package com.slm.cluster;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two nodes' leases on one (in-memory H2) database; the process tests run the same against PostgreSQL. */
class NodeLeasesTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    JdbcTemplate jdbc;
    NodeLeases one;
    NodeLeases two;

    @BeforeEach
    void database() throws Exception {
        DriverManagerDataSource data = new DriverManagerDataSource(
                "jdbc:h2:mem:leases-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
        jdbc = new JdbcTemplate(data);
        jdbc.execute(Files.readString(Path.of("db/migration/V6__node_lease.sql")));
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(data);
        one = new NodeLeases(jdbc, transactions, "node-1");
        two = new NodeLeases(jdbc, transactions, "node-2");
    }

    @Test
    void oneNodeHoldsALeaseUntilItReleasesIt() {
        assertThat(one.take("x", MINUTE)).isTrue();
        assertThat(two.take("x", MINUTE)).isFalse();
        assertThat(one.take("x", MINUTE)).as("the holder renews").isTrue();
        assertThat(two.holder("x")).contains("node-1");
        two.release("x");
        assertThat(one.holder("x")).as("only the holder releases").contains("node-1");
        one.release("x");
        assertThat(one.holder("x")).isEmpty();
        assertThat(two.take("x", MINUTE)).isTrue();
        assertThat(one.take("y", MINUTE)).as("another name, another lease").isTrue();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderKnows() {
        assertThat(one.take("x", MINUTE)).isTrue();
        expire("x");
        assertThat(one.holder("x")).isEmpty();
        assertThat(two.take("x", MINUTE)).isTrue();
        assertThatThrownBy(() -> one.keep("x", MINUTE)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("node-1 no longer holds the lease x (held by node-2)");
        assertThatThrownBy(() -> one.whileHeld("x", MINUTE, () -> "never")).isInstanceOf(LeaseLostException.class);
        two.keep("x", MINUTE);
    }

    @Test
    void ofNodesRacingForALeaseExactlyOneGetsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<Boolean>> taken = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    NodeLeases node = new NodeLeases(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), "node-" + i);
                    taken.add(pool.submit(() -> {
                        start.await();
                        return node.take(name, MINUTE);
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : taken) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noNodeTakesALeaseWhileItsHolderWorksUnderIt() throws Exception {
        assertThat(one.take("x", MINUTE)).isTrue();
        expire("x"); // ran out, but node 1 renews it as its fenced work starts
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> byTwo = pool.submit(() -> {
                working.await();
                boolean taken = two.take("x", MINUTE);
                tried.countDown();
                return taken;
            });
            String done = one.whileHeld("x", MINUTE, () -> {
                working.countDown();
                try {
                    // node 2's attempt waits for this transaction's end (or gives up at the lock timeout)
                    assertThat(tried.await(300, TimeUnit.MILLISECONDS)).isFalse();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return "written";
            });
            assertThat(done).isEqualTo("written");
            assertThat(byTwo.get(30, TimeUnit.SECONDS)).as("renewed by node 1's work").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreachableDatabaseIsNeverALease() {
        NodeLeases cut = new NodeLeases(new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nowhere", "sa", "")),
                new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nowhere", "sa", "")), "node-1");
        assertThatThrownBy(() -> cut.take("x", MINUTE)).isInstanceOf(DataAccessException.class);
    }

    @Test
    void withoutANodeIdTheOwnerIsUniqueToThisRun() {
        NodeLeases a = new NodeLeases(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), "");
        NodeLeases b = new NodeLeases(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), null);
        assertThat(a.owner()).isNotBlank().isNotEqualTo(b.owner());
    }

    private void expire(String name) {
        jdbc.update("UPDATE slm_node_lease SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE name = ?", name);
    }
}
