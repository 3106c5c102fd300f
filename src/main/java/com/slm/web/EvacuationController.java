package com.slm.web;

import com.slm.domain.ProcessVariables;
import com.slm.process.CancelEvacuation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/**
 * The operators' cancel of a whole evacuation ({@code /api/evacuations}, behind {@link LoginFilter}): ownership and
 * phase are checked in {@link CancelEvacuation}; the answer says what happened to each running migration of it.
 */
@RestController
@RequestMapping("/api/evacuations")
public class EvacuationController {
    private final CancelEvacuation cancel;

    public EvacuationController(CancelEvacuation cancel) {
        this.cancel = cancel;
    }

    @PostMapping("/{processInstanceId}/cancel")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable String processInstanceId, HttpServletRequest request) {
        LoginFilter.Caller caller = LoginFilter.caller(request);
        if (!MigrationViewController.viewer(request).mayCancel()) {
            return error(HttpStatus.FORBIDDEN, "only operators and admins act on evacuations");
        }
        if (!MigrationIds.valid(processInstanceId)) {
            return error(HttpStatus.BAD_REQUEST, "not an evacuation id: expected a UUID");
        }
        CancelEvacuation.Outcome outcome = cancel.cancel(processInstanceId, caller.userId(), caller.isAdmin());
        return switch (outcome.result()) {
            case CANCELLED -> ResponseEntity.ok(Map.of("processInstanceId", processInstanceId, "cancelled", true,
                    ProcessVariables.CANCELLED_BY, caller.userId(), "migrations", new TreeMap<>(outcome.migrations())));
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "No evacuation " + processInstanceId + " of yours");
            case WRONG_PHASE -> error(HttpStatus.CONFLICT, "Evacuation " + processInstanceId + " cannot be cancelled any "
                    + "more: its lanes are over (what moved is secured at the target)");
            case BUSY -> error(HttpStatus.CONFLICT, "A migration of evacuation " + processInstanceId + " is starting or ending "
                    + "right now; try again in a moment");
        };
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("type", status.getReasonPhrase(), "message", message));
    }
}
