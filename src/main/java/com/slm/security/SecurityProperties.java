package com.slm.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;

/**
 * Who may log in ({@code slm.security}). The admin's password comes from {@code SLM_ADMIN_PASSWORD} or is
 * generated at first start and written to {@code admin-password-file} (owner-only); other users exist only where
 * a profile lists them (the demo profile does, marking them {@code demo: true}).
 */
@ConfigurationProperties("slm.security")
public record SecurityProperties(
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        @DefaultValue("./data/admin-password") Path adminPasswordFile,
        List<UserSpec> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** Never print the admin password (a record's own toString would, wherever this object is logged). */
    @Override
    public String toString() {
        return "SecurityProperties[adminUser=" + adminUser + ", adminPasswordFile=" + adminPasswordFile + ", users=" + users + "]";
    }

    /**
     * A user the product creates at start if missing. A {@code demo} user is marked as such when created, and
     * removed at any start whose configuration does not list it as a demo user (a start without the demo profile).
     */
    public record UserSpec(String id, String password, String firstName, String lastName, List<String> groups,
                           boolean demo) {
        public UserSpec {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "UserSpec[id=" + id + ", groups=" + groups + (demo ? ", demo" : "") + "]";
        }
    }
}
