package com.slm.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV injection (OWASP): every cell that a spreadsheet could read as a formula is kept as text. */
class AuditCsvTest {

    @Test
    void neutralisesEveryFormulaStart() {
        assertThat(AuditCsv.quote("=1+2")).isEqualTo("'=1+2");
        assertThat(AuditCsv.quote("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(AuditCsv.quote("-2+3")).isEqualTo("'-2+3");
        assertThat(AuditCsv.quote("-5")).isEqualTo("'-5");
        assertThat(AuditCsv.quote("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.quote("\t=1")).isEqualTo("'\t=1");
        assertThat(AuditCsv.quote("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(AuditCsv.quote("=HYPERLINK(\"http://x\",\"a,b\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"");
    }

    @Test
    void leavesPlainTextAndNumbersAlone() {
        assertThat(AuditCsv.quote("app")).isEqualTo("app");
        assertThat(AuditCsv.quote("a=b")).isEqualTo("a=b");
        assertThat(AuditCsv.quote(-5L)).isEqualTo("-5");
        assertThat(AuditCsv.quote(1200L)).isEqualTo("1200");
        assertThat(AuditCsv.quote(null)).isEmpty();
        assertThat(AuditCsv.quote("")).isEmpty();
    }

    @Test
    void appliesToEveryCellOfBothExports() {
        AuditQuery.Row row = new AuditQuery.Row("=id", "+vm", "-src", "@dst", "\tout", "\rby", "=appr",
                "=start", "=end", 5L, true);
        String list = AuditCsv.list(List.of(row));
        assertThat(list.split("\r\n", 2)[1]).isEqualTo("'=id,'+vm,'-src,'@dst,'\tout,\"'\rby\",'=appr,'=start,'=end,5,true\r\n");

        Map<String, Object> step = new java.util.HashMap<>();
        step.put("activityId", "=a");
        step.put("name", "@n");
        step.put("assignee", "+u");
        step.put("durationMs", 3L);
        String steps = AuditCsv.steps(Map.of("processInstanceId", "-p", "steps", List.of(step)));
        assertThat(steps.split("\r\n", 2)[1]).isEqualTo("'-p,1,'=a,,'@n,,,,3,'+u,\r\n");
    }
}
