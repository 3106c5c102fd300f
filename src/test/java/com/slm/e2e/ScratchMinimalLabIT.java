package com.slm.e2e;

import com.slm.lab.Lab;
import org.junit.jupiter.api.Test;

class ScratchMinimalLabIT {
    @Test
    void hold() throws Exception {
        Lab.fresh();
        try (RunningProduct product = RunningProduct.start()) {
            Migrations m = new Migrations(product);
            String body = """
                {"variables": {
                  "vmName": {"value": "app"}, "sourceEnvironment": {"value": "secure"}, "sourceHost": {"value": "site-a"},
                  "targetEnvironment": {"value": "remote"}, "targetHost": {"value": "site-b"},
                  "reason": {"value": "scratch"}, "maxDowntimeMs": {"value": 300, "type": "Integer"},
                  "blackoutMode": {"value": "minimal"}}}
                """;
            String id = product.post("operator", "/engine-rest/process-definition/key/secureLiveMigration/start", body, 200).get("id").asText();
            m.approve("approver", id);
            System.out.println("SCRATCH approved " + java.time.Instant.now());
            new java.io.File("/tmp/scratch-approved").createNewFile();
            m.awaitEnd(id, 600);
            System.out.println("SCRATCH ended " + java.time.Instant.now());
        }
    }
}
