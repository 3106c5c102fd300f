package com.slm.audit;

import java.util.List;
import java.util.Map;

/** The public face of the CSV exports (the format itself lives in {@link AuditCsv}). */
public final class AuditExports {
    private AuditExports() {
    }

    public static String listCsv(List<AuditQuery.Row> rows) {
        return AuditCsv.list(rows);
    }

    public static String stepsCsv(Map<String, Object> record) {
        return AuditCsv.steps(record);
    }
}
