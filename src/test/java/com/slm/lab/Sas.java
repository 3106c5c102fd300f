package com.slm.lab;

import java.time.Duration;
import java.time.Instant;

/** The lab's CHILD_SAs as each charon lists them (swanctl over the site's VICI socket). */
public final class Sas {
    private Sas() {
    }

    /** Waits until both charons list the CHILD_SA INSTALLED; returns how long after {@code since} that was. */
    public static Duration awaitInstalledOnBoth(String child, Instant since, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (installed("site-a", child) && installed("site-b", child)) {
                return Duration.between(since, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new AssertionError(child + " is not INSTALLED on both gateways " + seconds + " s after " + since
                + "\n" + swanctl("site-a", "--list-sas").out() + "\n" + swanctl("site-b", "--list-sas").out());
    }

    public static boolean installed(String site, String child) {
        Lab.Result sas = swanctl(site, "--list-sas");
        return sas.exit() == 0 && sas.out().lines().anyMatch(line -> line.contains(child + ":") && line.contains("INSTALLED"));
    }

    /** swanctl with the site's VICI socket; the result is the caller's to check. */
    public static Lab.Result swanctl(String site, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "swanctl";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--uri";
        command[args.length + 2] = "unix://" + Lab.STATE.resolve(site + "/run/charon.vici");
        return Lab.run(60, command);
    }
}
