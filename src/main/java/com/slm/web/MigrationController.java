package com.slm.web;

import com.slm.domain.ProcessVariables;
import com.slm.process.CancelMigration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The operators' own calls on their migrations ({@code /api/migrations}, behind {@link LoginFilter}): the cancel
 * checks ownership and phase in {@link CancelMigration}; the engine's message correlation stays closed to users.
 * Reading migrations is {@link MigrationViewController}.
 */
@RestController
@RequestMapping("/api/migrations")
public class MigrationController {
    private final CancelMigration cancel;

    public MigrationController(CancelMigration cancel) {
        this.cancel = cancel;
    }

    @PostMapping("/{processInstanceId}/cancel")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable String processInstanceId, HttpServletRequest request) {
        LoginFilter.Caller caller = LoginFilter.caller(request);
        if (!MigrationViewController.viewer(request).mayCancel()) {
            // The login admits approvers and auditors to read migrations; acting on them stays with operators and admins.
            return error(HttpStatus.FORBIDDEN, "only operators and admins act on migrations");
        }
        if (!MigrationIds.valid(processInstanceId)) {
            return error(HttpStatus.BAD_REQUEST, "not a migration id: expected a UUID");
        }
        CancelMigration.Result result = cancel.cancel(processInstanceId, caller.userId(), caller.isAdmin());
        return switch (result) {
            case CANCELLED -> ResponseEntity.ok(Map.of("processInstanceId", processInstanceId, "cancelled", true,
                    ProcessVariables.CANCELLED_BY, caller.userId()));
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "No migration " + processInstanceId + " of yours");
            case WRONG_PHASE -> error(HttpStatus.CONFLICT, "Migration " + processInstanceId + " cannot be cancelled in "
                    + "its current phase: only while it waits for approval or before the VM runs at the target "
                    + "(after that it is secured at the target)");
            case BUSY -> error(HttpStatus.CONFLICT, "A step of migration " + processInstanceId + " is running right now; "
                    + "try again in a moment");
        };
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("type", status.getReasonPhrase(), "message", message));
    }
}
