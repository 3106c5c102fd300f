package com.slm.domain;

/** One pre-check, passed or failed, with a reason a human can act on. */
public record CheckResult(String name, boolean passed, String detail) {
    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }
}
