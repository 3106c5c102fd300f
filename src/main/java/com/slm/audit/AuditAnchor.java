package com.slm.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Anchors the audit chain outside its table. At each seal the new head (seq = number of records, hash) is
 * signed with {@link AnchorKey} and appended to a journal file that only ever grows, one line per record:
 * {@code seq hash time signature}, the signature covering {@code seq|hash|time}. The head is also logged.
 * Someone who can write the database but not this folder can change, delete or re-chain records, but cannot make
 * the table agree with these signed lines again: verify compares them ({@link AuditVerifier}).
 */
public class AuditAnchor {
    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchor.class);
    static final String JOURNAL_FILE = "audit-chain.journal";
    /** How much of the journal's end {@link #lastSignedSeq()} reads: some 40 lines. */
    private static final int TAIL_BYTES = 8192;

    /** One signed line of the journal; {@code signed} is false when its signature does not check. */
    public record Checkpoint(long seq, String hash, String at, boolean signed, int line) {
    }

    private final Path dir;
    private final Path journal;
    private final AnchorKey key;

    public AuditAnchor(Path dir) {
        this.dir = dir;
        this.journal = dir.resolve(JOURNAL_FILE);
        this.key = AnchorKey.loadOrCreate(dir);
    }

    public Path directory() {
        return dir;
    }

    /** Appends the signed head; forced to disk before returning, so that a sealed record is never left unanchored. */
    public synchronized void checkpoint(long seq, String hash) {
        String at = Instant.now().toString();
        String line = seq + " " + hash + " " + at + " " + key.sign(seq + "|" + hash + "|" + at) + "\n";
        try (FileChannel out = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit anchor journal " + journal, e);
        }
    }

    /** Logs the head, a second copy outside the database (log shipping keeps it elsewhere). */
    public void logHead(long seq, String hash) {
        LOG.info("Audit chain head: seq {} hash {}", seq, hash);
    }

    /** Whether the journal holds anything (an empty file is no journal yet). */
    public boolean journalExists() {
        try {
            return Files.exists(journal) && Files.size(journal) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor journal " + journal, e);
        }
    }

    /**
     * The seq of the newest journal line whose signature holds, read from the journal's end only; 0 when there is
     * none there.
     */
    public long lastSignedSeq() {
        if (!Files.exists(journal)) {
            return 0;
        }
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            while (tail.hasRemaining() && in.read(tail, size - tail.capacity() + tail.position()) > 0) {
                // reads the last bytes
            }
            String[] lines = new String(tail.array(), 0, tail.position(), StandardCharsets.US_ASCII).split("\n");
            // the first of these lines may be cut off: it does not parse, or its signature fails
            for (int i = lines.length - 1; i >= 0; i--) {
                Checkpoint checkpoint = parse(lines[i], i + 1);
                if (checkpoint.signed()) {
                    return checkpoint.seq();
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor journal " + journal, e);
        }
    }

    /** Every line of the journal, in order, each with whether its signature holds. */
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        if (!Files.exists(journal)) {
            return checkpoints;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor journal " + journal, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            checkpoints.add(parse(lines.get(i), i + 1));
        }
        return checkpoints;
    }

    private Checkpoint parse(String line, int number) {
        String[] f = line.trim().split(" ");
        if (f.length != 4 || !f[0].matches("\\d{1,18}")) {
            return new Checkpoint(-1, null, null, false, number);
        }
        long seq = Long.parseLong(f[0]);
        return new Checkpoint(seq, f[1], f[2], key.verify(seq + "|" + f[1] + "|" + f[2], f[3]), number);
    }
}
