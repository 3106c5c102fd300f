package com.slm.web;

import com.slm.audit.AuditChain;
import com.slm.audit.AuditExports;
import com.slm.audit.AuditQuery;
import com.slm.audit.AuditRecordBuilder;
import com.slm.audit.AuditVerifier;
import com.slm.audit.BpmnDiagramSvg;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The auditors' read-only REST API ({@code /api/audit}, behind a {@link LoginFilter} for auditors and admins): the list of
 * migrations with filters and pages, one migration's full record (with its seal when sealed), exports as JSON
 * or CSV, and the verification of the seal chain. Nothing here changes anything.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {
    private static final int MAX_PAGE_SIZE = 200;

    private final AuditQuery query;
    private final AuditRecordBuilder records;
    private final AuditChain chain;
    private final HistoryService history;
    private final RepositoryService repository;
    private final AuditVerifier verifier;

    public AuditController(AuditQuery query, AuditRecordBuilder records, AuditChain chain,
                           HistoryService history, RepositoryService repository,
                           AuditVerifier verifier) {
        this.verifier = verifier;
        this.query = query;
        this.records = records;
        this.chain = chain;
        this.history = history;
        this.repository = repository;
    }

    @GetMapping(value = "/migrations", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    public ResponseEntity<?> list(@RequestParam(required = false) String vm,
                                  @RequestParam(required = false) String environment,
                                  @RequestParam(required = false) String outcome,
                                  @RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant to,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "25") int size,
                                  @RequestParam(defaultValue = "json") String format) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            return ResponseEntity.badRequest().body(Map.of("message", "page >= 0 and 1 <= size <= " + MAX_PAGE_SIZE));
        }
        AuditQuery.Page result = query.list(new AuditQuery.Filter(vm, environment, outcome, from, to), page, size);
        if ("csv".equals(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                    .body(AuditExports.listCsv(result.rows()));
        }
        return ResponseEntity.ok(result);
    }

    @GetMapping(value = "/migrations/{id}", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    public ResponseEntity<?> one(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        Map<String, Object> record = records.build(id);
        if (record == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "no migration " + id));
        }
        if ("csv".equals(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(AuditExports.stepsCsv(record));
        }
        Map<String, Object> body = new LinkedHashMap<>(record);
        chain.sealed(id).stream().findFirst().ifPresent(seal -> body.put("seal",
                Map.of("seq", seal.get("seq"), "hash", seal.get("hash").toString().trim(), "sealedAt", seal.get("sealed_at").toString())));
        return ResponseEntity.ok(body);
    }

    /** The model with the path this migration took (green) and where it stands (amber), as SVG. */
    @GetMapping(value = "/migrations/{id}/diagram.svg", produces = "image/svg+xml")
    public ResponseEntity<String> diagram(@PathVariable String id) throws IOException {
        var instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        if (instance == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        Set<String> passed = new HashSet<>();
        Set<String> active = new HashSet<>();
        history.createHistoricActivityInstanceQuery().processInstanceId(id).list()
                .forEach(a -> (a.getEndTime() == null ? active : passed).add(a.getActivityId()));
        try (var model = repository.getProcessModel(instance.getProcessDefinitionId())) {
            String xml = new String(model.readAllBytes(), StandardCharsets.UTF_8);
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml"))
                    .body(BpmnDiagramSvg.render(xml, passed, active));
        }
    }

    @GetMapping("/verify")
    public AuditVerifier.Report verify() {
        return verifier.verify();
    }
}
