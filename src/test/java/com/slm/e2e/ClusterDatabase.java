package com.slm.e2e;

import com.slm.lab.Lab;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh PostgreSQL database on the local server for the nodes of a cluster test, owned by the test role that
 * {@code scripts/test} prepares (SLM_DB_URL, SLM_DB_USER, SLM_DB_PASSWORD). Without them the test fails: it must
 * run against the real server.
 */
final class ClusterDatabase {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/\\w+");

    private ClusterDatabase() {
    }

    /** Creates (again) the database and returns the environment a node needs to use it. */
    static Map<String, String> fresh(String name) {
        String url = required("SLM_DB_URL");
        String user = required("SLM_DB_USER");
        String password = required("SLM_DB_PASSWORD");
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new AssertionError("SLM_DB_URL is not a local PostgreSQL URL: " + url);
        }
        String port = m.group(2);
        Lab.run(60, "su", "postgres", "-c", "psql -q -v ON_ERROR_STOP=1 -p " + port
                + " -c 'DROP DATABASE IF EXISTS " + name + " WITH (FORCE)' -c 'CREATE DATABASE " + name + " OWNER " + user + "'")
                .orFail("creating database " + name);
        return Map.of("SLM_DB_URL", "jdbc:postgresql://" + m.group(1) + ":" + port + "/" + name,
                "SLM_DB_USER", user, "SLM_DB_PASSWORD", password);
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new AssertionError(variable + " is not set: run the cluster test through scripts/test, which starts "
                    + "PostgreSQL and prepares the test role (scripts/postgres.sh)");
        }
        return value;
    }
}
