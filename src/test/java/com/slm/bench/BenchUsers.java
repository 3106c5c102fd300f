package com.slm.bench;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The two users of the harness, as slm.security.users properties: the operator who starts and the approver who
 * approves (four eyes: never the same). Their passwords are random per process and never leave it: the harness
 * logs in through the Java API and needs none of them.
 */
final class BenchUsers {
    private BenchUsers() {
    }

    static Map<String, Object> properties() {
        Map<String, Object> users = new HashMap<>();
        user(users, 0, LoadDriver.OPERATOR, "migration-operators");
        user(users, 1, LoadDriver.APPROVER, "migration-approvers");
        return users;
    }

    /** 18 random bytes, Base64: for passwords nobody types. */
    static String randomSecret() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static void user(Map<String, Object> users, int index, String id, String group) {
        String prefix = "slm.security.users[" + index + "].";
        users.put(prefix + "id", id);
        users.put(prefix + "password", randomSecret());
        users.put(prefix + "groups[0]", group);
    }
}
