package com.slm.audit;

import com.slm.domain.ProcessVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/audit/verify}: does the seal table still hold what was sealed? Three cross-checks:
 * <ol>
 * <li>the chain recomputes (a changed record, a deleted middle record);</li>
 * <li>the table agrees with the signed checkpoints of {@link AuditAnchor}, which the database never holds (a deleted
 * tail: the table ends before the last checkpoint; a re-chained table: a hash differs from the one signed for its
 * seq);</li>
 * <li>every finished migration in the engine's history is sealed (or still pending within two seal intervals),
 * and the records that could not be sealed are listed.</li>
 * </ol>
 * {@code valid} is about integrity (1 and 2), {@code complete} about coverage (3). The first broken record is
 * the lowest seq among the problems found.
 */
public class AuditVerifier {
    /** One thing wrong, at a seq when it has one. */
    public record Problem(Long seq, String processInstanceId, String reason) {
    }

    /** What verify answers (the first four fields as before the anchor, for existing clients). */
    public record Report(boolean valid, long records, Long firstBrokenSeq, String firstBrokenProcessInstanceId,
                         String reason, List<Problem> problems, Map<String, Object> anchor, boolean complete,
                         int pending, List<String> unsealed, List<Map<String, Object>> unsealable) {
    }

    private final HistoryService history;
    private final AuditChain chain;
    private final AuditAnchor anchor;
    private final UnsealableRecords unsealable;
    private final Duration sealInterval;

    public AuditVerifier(HistoryService history, AuditChain chain, AuditAnchor anchor, UnsealableRecords unsealable,
                         Duration sealInterval) {
        this.history = history;
        this.chain = chain;
        this.anchor = anchor;
        this.unsealable = unsealable;
        this.sealInterval = sealInterval;
    }

    public Report verify() {
        List<AuditChain.Link> links = chain.links();
        List<Problem> problems = new ArrayList<>();
        AuditChain.Verification recomputed = chain.verify();
        if (!recomputed.valid()) {
            problems.add(new Problem(recomputed.firstBrokenSeq(), recomputed.firstBrokenProcessInstanceId(), recomputed.reason()));
        }
        List<AuditAnchor.Checkpoint> checkpoints = anchor.checkpoints();
        problems.addAll(againstCheckpoints(links, checkpoints));
        problems.sort(Comparator.comparing(Problem::seq, Comparator.nullsLast(Comparator.naturalOrder())));
        Problem first = problems.isEmpty() ? null : problems.get(0);

        Set<String> sealed = links.stream().map(AuditChain.Link::processInstanceId).collect(Collectors.toSet());
        List<Map<String, Object>> flagged = unsealable.list();
        Set<String> flaggedIds = flagged.stream().map(f -> (String) f.get("processInstanceId")).collect(Collectors.toSet());
        long pendingSince = ClockUtil.getCurrentTime().getTime() - 2 * sealInterval.toMillis();
        int pending = 0;
        List<String> unsealed = new ArrayList<>();
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).finished().orderByProcessInstanceEndTime().asc().list()) {
            if (sealed.contains(instance.getId()) || flaggedIds.contains(instance.getId())) {
                continue;
            }
            if (instance.getEndTime() != null && instance.getEndTime().getTime() > pendingSince) {
                pending++;
            } else {
                unsealed.add(instance.getId());
            }
        }
        return new Report(problems.isEmpty(), links.size(), first == null ? null : first.seq(),
                first == null ? null : first.processInstanceId(), first == null ? null : first.reason(), problems,
                latest(checkpoints), unsealed.isEmpty() && flagged.isEmpty(), pending, unsealed, flagged);
    }

    /** The table against the journal: each signed line must find its seq in the table, with the same hash. */
    static List<Problem> againstCheckpoints(List<AuditChain.Link> links, List<AuditAnchor.Checkpoint> checkpoints) {
        List<Problem> problems = new ArrayList<>();
        Map<Long, AuditChain.Link> bySeq = new HashMap<>();
        links.forEach(l -> bySeq.put(l.seq(), l));
        long tableEnd = links.isEmpty() ? 0 : links.get(links.size() - 1).seq();
        long anchoredEnd = 0;
        AuditAnchor.Checkpoint newest = null;
        boolean missingReported = false;
        boolean rewriteReported = false;
        for (AuditAnchor.Checkpoint cp : checkpoints) {
            if (!cp.signed()) {
                problems.add(new Problem(cp.seq() > 0 ? cp.seq() : null, null, "line " + cp.line()
                        + " of the anchor journal has no valid signature: the journal was edited"));
                continue;
            }
            if (cp.seq() > anchoredEnd) {
                anchoredEnd = cp.seq();
                newest = cp;
            }
            AuditChain.Link link = bySeq.get(cp.seq());
            if (link == null && cp.seq() <= tableEnd && !missingReported) {
                problems.add(new Problem(cp.seq(), null, "record " + cp.seq() + " is missing although a checkpoint signed at "
                        + cp.at() + " covers it (deleted)"));
                missingReported = true;
            } else if (link != null && !link.hash().equals(cp.hash()) && !rewriteReported) {
                problems.add(new Problem(cp.seq(), link.processInstanceId(), "record " + cp.seq()
                        + ": its hash differs from the one signed for seq " + cp.seq() + " at " + cp.at()
                        + " (the table was rewritten and re-chained from here)"));
                rewriteReported = true;
            }
        }
        if (anchoredEnd > tableEnd) {
            problems.add(new Problem(tableEnd + 1, null, "records " + (tableEnd + 1) + " to " + anchoredEnd
                    + " are missing: the table ends at " + tableEnd + " but the checkpoint signed at " + newest.at()
                    + " counts " + anchoredEnd + " (the newest records were deleted)"));
        } else if (tableEnd > anchoredEnd) {
            long from = anchoredEnd + 1;
            AuditChain.Link at = bySeq.get(from);
            problems.add(new Problem(from, at == null ? null : at.processInstanceId(), "records " + from + " to " + tableEnd
                    + " are not covered by a signed checkpoint (" + (checkpoints.isEmpty() ? "the anchor journal is missing or empty"
                    : "added to the table outside the sealer") + ")"));
        }
        return problems;
    }

    private static Map<String, Object> latest(List<AuditAnchor.Checkpoint> checkpoints) {
        AuditAnchor.Checkpoint newest = checkpoints.stream().filter(AuditAnchor.Checkpoint::signed)
                .max(Comparator.comparingLong(AuditAnchor.Checkpoint::seq)).orElse(null);
        if (newest == null) {
            return null;
        }
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("seq", newest.seq());
        head.put("hash", newest.hash());
        head.put("signedAt", newest.at());
        return head;
    }
}
