package com.slm.web;

import com.slm.security.Roles;
import com.slm.process.view.MigrationDetail;
import com.slm.process.view.MigrationRow;
import com.slm.process.view.MigrationViews;
import com.slm.process.view.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read-only side of {@code /api/migrations} (behind {@link LoginFilter}), for the "My migrations" page: the list,
 * one migration with its phase, current block, live progress and incident, and its diagram. Operators get their own
 * migrations only; a foreign or unknown id is 404 for them, like the cancel. Answers are never cached: the page asks
 * again every second.
 */
@RestController
@RequestMapping("/api/migrations")
public class MigrationViewController {
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final MigrationViews views;

    public MigrationViewController(MigrationViews views) {
        this.views = views;
    }

    @GetMapping
    public ResponseEntity<Map<String, Object>> list(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        List<MigrationRow> rows = views.list(viewer);
        return fresh(ResponseEntity.ok()).body(Map.of("user", viewer.userId(), "seesAll", viewer.seesAll(), "migrations", rows));
    }

    @GetMapping("/{processInstanceId}")
    public ResponseEntity<?> detail(@PathVariable String processInstanceId, HttpServletRequest request) {
        return answer(processInstanceId, id -> views.detail(id, viewer(request)), MediaType.APPLICATION_JSON);
    }

    @GetMapping(value = "/{processInstanceId}/diagram.svg")
    public ResponseEntity<?> diagram(@PathVariable String processInstanceId, HttpServletRequest request) {
        return answer(processInstanceId, id -> views.diagram(id, viewer(request)), SVG);
    }

    private static <T> ResponseEntity<?> answer(String id, Function<String, Optional<T>> read, MediaType type) {
        if (!MigrationIds.valid(id)) {
            return error(HttpStatus.BAD_REQUEST, "not a migration id: expected a UUID");
        }
        Optional<T> found = read.apply(id);
        return found.<ResponseEntity<?>>map(body -> fresh(ResponseEntity.ok()).contentType(type).body(body))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "No migration " + id + " of yours"));
    }

    static Viewer viewer(HttpServletRequest request) {
        LoginFilter.Caller caller = LoginFilter.caller(request);
        boolean seesAll = caller.isAdmin() || caller.groups().contains(Roles.APPROVERS) || caller.groups().contains(Roles.AUDITORS);
        boolean mayCancel = caller.isAdmin() || caller.groups().contains(Roles.OPERATORS);
        return new Viewer(caller.userId(), seesAll, caller.isAdmin(), mayCancel);
    }

    private static ResponseEntity.BodyBuilder fresh(ResponseEntity.BodyBuilder builder) {
        return builder.cacheControl(CacheControl.noStore());
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", status.getReasonPhrase(), "message", message));
    }
}
