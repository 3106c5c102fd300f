package com.slm.domain;

/**
 * The memory side of a running live migration, as the hypervisor reports it: what an operator watches to see
 * whether the copy converges (the copy rate must outrun the rate at which the guest dirties its memory).
 * Unknown values are -1.
 *
 * @param totalBytes          guest memory to transfer
 * @param processedBytes      memory copied so far (all iterations)
 * @param remainingBytes      memory still to copy in this iteration
 * @param bytesPerSecond      the current copy rate
 * @param dirtyPagesPerSecond how fast the guest dirties pages (QEMU's figure)
 * @param pageSizeBytes       the size of one such page
 * @param expectedDowntimeMs  the pause QEMU expects for the final copy, were it to stop now
 */
public record MemoryTransfer(
        long totalBytes,
        long processedBytes,
        long remainingBytes,
        long bytesPerSecond,
        long dirtyPagesPerSecond,
        long pageSizeBytes,
        long expectedDowntimeMs) {

    public static final MemoryTransfer UNKNOWN = new MemoryTransfer(-1, -1, -1, -1, -1, -1, -1);

    /** Dirtied memory per second in bytes, or -1 when the hypervisor did not say. */
    public long dirtyBytesPerSecond() {
        return dirtyPagesPerSecond < 0 || pageSizeBytes <= 0 ? -1 : dirtyPagesPerSecond * pageSizeBytes;
    }
}
