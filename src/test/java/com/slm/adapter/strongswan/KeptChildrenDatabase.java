package com.slm.adapter.strongswan;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A private in-memory H2 database with the product's own table of kept CHILD_SAs, for adapter tests. */
final class KeptChildrenDatabase {
    private KeptChildrenDatabase() {
    }

    static KeptChildren fresh() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:kept-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        try {
            jdbc.execute(Files.readString(Path.of("db/migration/V5__ipsec_children.sql")));
        } catch (IOException e) {
            throw new IllegalStateException("db/migration/V5__ipsec_children.sql", e);
        }
        return new KeptChildren(jdbc);
    }
}
