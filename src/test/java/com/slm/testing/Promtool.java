package com.slm.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promtool check metrics} (Debian's prometheus package, installed by scripts/test): fails, never skips, when
 * it is missing.
 */
public final class Promtool {
    private Promtool() {
    }

    public record Result(int exitCode, String output) {
    }

    /**
     * The whole scrape must parse, and the product's own families must pass promtool's lint as well (Spring Boot's
     * standard meters do not: some lack help text, {@code jvm_compilation_time_ms_total} has an abbreviated unit, and
     * that is theirs to fix).
     */
    public static void assertValidPrometheusText(String text) throws Exception {
        Result whole = check(text);
        assertThat(whole.exitCode()).as("promtool parses the scrape (3 = lint findings only): " + whole.output()).isIn(0, 3);
        assertThat(whole.output()).as("promtool").doesNotContain("parsing error");

        String ours = text.lines().filter(line -> line.startsWith("slm_") || line.startsWith("# HELP slm_")
                || line.startsWith("# TYPE slm_")).collect(Collectors.joining("\n", "", "\n"));
        Result lint = check(ours);
        assertThat(lint.output()).as("promtool's findings on the slm_ families").isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    public static Result check(String text) throws Exception {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        promtool.getInputStream().transferTo(out);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(promtool.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
