package com.slm.audit;

import java.util.List;
import java.util.Map;

/** CSV exports (RFC 4180 quoting, formulas neutralised), with a fixed header per export: see docs/audit.md. */
final class AuditCsv {
    static final String LIST_HEADER = "processInstanceId,vm,sourceEnvironment,targetEnvironment,outcome,startedBy,approver,started,ended,durationMs,sealed";
    static final String STEPS_HEADER = "processInstanceId,seq,activityId,block,name,type,start,end,durationMs,assignee,outcome";

    private AuditCsv() {
    }

    static String list(List<AuditQuery.Row> rows) {
        StringBuilder out = new StringBuilder(LIST_HEADER).append("\r\n");
        for (AuditQuery.Row r : rows) {
            line(out, r.processInstanceId(), r.vm(), r.sourceEnvironment(), r.targetEnvironment(), r.outcome(), r.startedBy(),
                    r.approver(), r.started(), r.ended(), r.durationMs(), r.sealed());
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static String steps(Map<String, Object> record) {
        StringBuilder out = new StringBuilder(STEPS_HEADER).append("\r\n");
        int seq = 1;
        for (Map<String, Object> s : (List<Map<String, Object>>) record.get("steps")) {
            line(out, record.get("processInstanceId"), seq++, s.get("activityId"), s.get("block"), s.get("name"),
                    s.get("type"), s.get("start"), s.get("end"), s.get("durationMs"), s.get("assignee"), s.get("outcome"));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(values[i]));
        }
        out.append("\r\n");
    }

    /**
     * One cell. OWASP CSV injection: a text starting with =, +, -, @, tab or carriage return could be read as a
     * formula by a spreadsheet, so it gets a leading ' (in every cell, whatever the column: any text may come from
     * a user). Numbers the product writes itself (durations, sequence numbers) stay numbers.
     */
    static String quote(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches("[^\",\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
