package com.slm.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Who may log in ({@code slm.security}). The admin's password comes from {@code SLM_ADMIN_PASSWORD} or is
 * generated at first start; other users exist only where a profile lists them (the demo profile does).
 */
@ConfigurationProperties("slm.security")
public record SecurityProperties(
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        List<UserSpec> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A user the product creates at start if missing. */
    public record UserSpec(String id, String password, String firstName, String lastName, List<String> groups) {
        public UserSpec {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /** Never print the password. */
        @Override
        public String toString() {
            return "UserSpec[id=" + id + ", groups=" + groups + "]";
        }
    }
}
