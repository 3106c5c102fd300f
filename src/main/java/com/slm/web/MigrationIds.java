package com.slm.web;

import java.util.regex.Pattern;

/**
 * Process instance ids as the engine makes them here (UUIDs, Spring Boot starter's default id generator). Anything
 * else is refused at the edge with 400, before any query sees it.
 */
final class MigrationIds {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MigrationIds() {
    }

    static boolean valid(String id) {
        return id != null && UUID.matcher(id).matches();
    }
}
