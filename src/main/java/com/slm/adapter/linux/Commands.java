package com.slm.adapter.linux;

import com.slm.port.PortException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a Linux tool (ss, ip) with an argument list, never a shell string, inside a network namespace when one
 * is named, with a time limit. A failure names the command and what it printed.
 */
public class Commands {
    private final Duration timeout;

    public Commands(Duration timeout) {
        this.timeout = timeout;
    }

    /** The command's standard output; a non-zero exit is a {@link PortException}. */
    public String run(String namespace, String... command) {
        List<String> argv = new ArrayList<>();
        if (namespace != null && !namespace.isBlank()) {
            argv.addAll(List.of("ip", "netns", "exec", namespace));
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
