package com.slm.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The Ed25519 key that signs the audit chain's checkpoints. It lives in files next to the journal, outside the
 * database, so that someone who can only write the database cannot sign a checkpoint for a chain they rewrote.
 * The private key is created at first start, owner-only (0600 on POSIX); the public key beside it lets anyone
 * check the journal without it. Neither key is ever logged.
 */
final class AnchorKey {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorKey.class);
    static final String PRIVATE_FILE = "anchor-ed25519.key";
    static final String PUBLIC_FILE = "anchor-ed25519.pub";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AnchorKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair from {@code dir}, creating it (and the folder, owner-only) when neither file exists. */
    static AnchorKey loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile) && !Files.exists(publicFile)) {
                return create(dir, privateFile, publicFile);
            }
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                // half a key pair: a lost file, never silently replaced (the journal would no longer verify)
                throw new IllegalStateException("Audit anchor key incomplete in " + dir + ": restore "
                        + PRIVATE_FILE + " and " + PUBLIC_FILE + " from the backup");
            }
            warnIfOpen(privateFile);
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            return new AnchorKey(factory.generatePrivate(new PKCS8EncodedKeySpec(read(privateFile))),
                    factory.generatePublic(new X509EncodedKeySpec(read(publicFile))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable audit anchor key in " + dir, e);
        }
    }

    private static AnchorKey create(Path dir, Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        createOwnerOnlyDirectories(dir);
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        // created owner-only before a byte is written: the key is never readable by others, not even briefly
        createOwnerOnlyFile(privateFile);
        Files.write(privateFile, encode(pair.getPrivate().getEncoded()), StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(publicFile, encode(pair.getPublic().getEncoded()));
        LOG.info("Created the audit anchor key in {} (back up this folder: see docs/audit.md)", dir);
        return new AnchorKey(pair.getPrivate(), pair.getPublic());
    }

    String sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(String text, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir.toAbsolutePath().getRoot())) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(dir, ownerOnly);
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void createOwnerOnlyFile(Path file) throws IOException {
        try {
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Audit anchor key appeared while being created: " + file, e);
        }
    }

    private static void warnIfOpen(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("The audit anchor key {} is readable by others than its owner: chmod 600 it", file);
            }
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] encode(byte[] der) {
        return (Base64.getEncoder().encodeToString(der) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] read(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
