package com.slm.e2e;

import com.slm.lab.Lab;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * The set-up a lab IT class shares: the lab as {@link Lab#fresh()} leaves it and one product node on it, there before
 * the class's own {@code @BeforeAll} methods run. After the class's {@code @AfterAll} methods, the node is closed and
 * the lab is made whole again: both charons running, the routing core back on its own subnets, whatever a test
 * stopped or taught it. Register it as {@code @RegisterExtension static final LabProduct LAB = LabProduct.fresh()}.
 */
final class LabProduct implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> SUBNETS = List.of("192.0.2.0/26", "192.0.2.64/26");
    private final String[] arguments;
    private RunningProduct product;
    private Migrations migrations;

    private LabProduct(String[] arguments) {
        this.arguments = arguments;
    }

    /** A fresh lab and a node started with these extra arguments. */
    static LabProduct fresh(String... arguments) {
        return new LabProduct(arguments);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Lab.fresh();
        product = RunningProduct.start(arguments);
        migrations = new Migrations(product);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (product != null) {
            product.close();
        }
        for (String site : List.of("site-a", "site-b")) {
            Lab.lab(60, "charon-start", site);
        }
        for (String subnet : SUBNETS) {
            Lab.lab(30, "core-forget", subnet);
        }
    }

    RunningProduct product() {
        if (product == null) {
            throw new IllegalStateException("the lab's product node is not started: register LabProduct as a static extension");
        }
        return product;
    }

    Migrations migrations() {
        product();
        return migrations;
    }

    /** Migrates the VM to site B (approved by another user) and waits until that migration completed. */
    String migrated(String vm) throws InterruptedException {
        String id = migrations().start("operator", vm);
        migrations.approve("approver", id);
        String state = migrations.awaitEnd(id, 900).get("state").asText();
        if (!"COMPLETED".equals(state)) {
            throw new AssertionError("the migration of " + vm + " ended " + state);
        }
        return id;
    }
}
