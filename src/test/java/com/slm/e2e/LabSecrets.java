package com.slm.e2e;

import com.slm.adapter.strongswan.StrongswanProperties;
import com.slm.security.SecurityProperties;
import com.slm.lab.Lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What must never show up in the product's output, read at test time: each line of key material of every private
 * key of the lab ({@code pki/*.key}: CA, sites, libvirt client, the product's web server) and of the gateways' key
 * and PSK files the running product is configured with, and the passwords it was given.
 */
final class LabSecrets {
    /** Shorter pieces (the tail of a PEM body, "=" padding) could match by chance. */
    private static final int SHORTEST = 16;

    private LabSecrets() {
    }

    static Set<String> of(RunningProduct product) {
        Set<String> files = new LinkedHashSet<>();
        try (Stream<Path> pki = Files.list(Lab.STATE.resolve("pki"))) {
            pki.filter(f -> f.getFileName().toString().endsWith(".key")).forEach(f -> files.add(f.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lab's keys (is the lab up, and is this root?)", e);
        }
        product.bean(StrongswanProperties.class).gateways().values().forEach(gateway -> {
            files.add(gateway.privateKey());
            files.add(gateway.pskFile());
        });
        files.remove(null);

        Set<String> secrets = new LinkedHashSet<>();
        files.forEach(file -> secrets.addAll(material(Path.of(file))));
        SecurityProperties security = product.bean(SecurityProperties.class);
        secrets.add(security.adminPassword());
        security.users().forEach(user -> secrets.add(user.password()));
        secrets.removeIf(secret -> secret == null || secret.isBlank());
        if (secrets.isEmpty()) {
            throw new AssertionError("found no secret of the lab to look for: the check would prove nothing");
        }
        return secrets;
    }

    /** A PEM key's base64 lines (not its BEGIN/END lines), or a PSK file's value. */
    private static List<String> material(Path file) {
        try {
            return Files.readString(file).lines().map(String::strip)
                    .filter(line -> !line.startsWith("-----") && line.length() >= SHORTEST).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (lab tests run as root)", e);
        }
    }
}
