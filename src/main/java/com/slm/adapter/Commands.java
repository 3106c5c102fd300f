package com.slm.adapter;

import com.slm.port.PortException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external program (ss, ip, nft, a site's hook) with an argument list, never a shell string, with a time
 * limit, on a named host: each host is reached through the command prefix its configuration gives (on real
 * deployments {@code ssh -o BatchMode=yes root@gw-a}; the lab gives its network namespaces' {@code ip netns exec
 * NAME}); no host name runs it on this machine. The adapters know host names only, never how a host is reached.
 * A failure names the command and what it printed.
 */
public class Commands {
    private final Duration timeout;
    private final Map<String, List<String>> hosts;

    /** @param hosts host name to the command prefix that runs a program on it */
    public Commands(Duration timeout, Map<String, List<String>> hosts) {
        this.timeout = timeout;
        this.hosts = Map.copyOf(hosts);
    }

    /** Only this machine: no host names. */
    public Commands(Duration timeout) {
        this(timeout, Map.of());
    }

    /** The command's standard output on {@code host} (null or blank: this machine); a non-zero exit is a {@link PortException}. */
    public String run(String host, String... command) {
        List<String> argv = new ArrayList<>();
        if (host != null && !host.isBlank()) {
            List<String> via = hosts.get(host);
            if (via == null) {
                throw new PortException("host '" + host + "' has no command prefix (slm.linux.hosts." + host
                        + "): the adapter cannot reach it", false);
            }
            argv.addAll(via);
        }
        argv.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(false).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PortException(String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s", true);
            }
            if (process.exitValue() != 0) {
                throw new PortException(String.join(" ", argv) + " failed (exit " + process.exitValue() + "): "
                        + err.get(1, TimeUnit.SECONDS).strip(), true);
            }
            return out.get(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new PortException("cannot run " + argv.get(0) + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while running " + String.join(" ", argv), true, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PortException("cannot read the output of " + String.join(" ", argv), true, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
