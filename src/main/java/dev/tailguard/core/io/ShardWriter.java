package dev.tailguard.core.io;

import dev.tailguard.core.store.ObjectStore;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes records into sharded JSONL objects {@code <prefix><name>-00000.jsonl[.zst]}, at most {@code perShard}
 * records each. Each shard is staged in a local temporary file and handed to the store when full or on close, so
 * the same code writes to a local folder or to S3. No shard is written when no record was.
 */
public final class ShardWriter implements Closeable {

    private final ObjectStore store;
    private final String prefix;
    private final String name;
    private final String suffix;
    private final int perShard;
    private final long maxShardBytes;
    private final List<String> keys = new ArrayList<>();
    private final List<Long> shardCounts = new ArrayList<>();
    private Path tmp;
    private JsonlWriter cur;
    private long total;

    /**
     * @param prefix   key prefix ending in {@code /}
     * @param name     shard base name, e.g. {@code part}
     * @param zstd     compress shards with zstd
     * @param perShard records per shard (&gt; 0)
     */
    public ShardWriter(ObjectStore store, String prefix, String name, boolean zstd, int perShard) {
        this(store, prefix, name, zstd, perShard, Long.MAX_VALUE);
    }

    /**
     * A writer whose shards also end once they hold {@code maxShardBytes} bytes of JSON lines (before compression):
     * a task whose range starts inside a shard skips its earlier lines, so bounding a shard's bytes bounds that skip
     * whatever the documents' size.
     *
     * @param maxShardBytes bytes per shard (&gt; 0; a shard holds at least one record)
     */
    public ShardWriter(ObjectStore store, String prefix, String name, boolean zstd, int perShard, long maxShardBytes) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("bytes per shard must be > 0");
        }
        this.maxShardBytes = maxShardBytes;
        if (perShard <= 0) {
            throw new IllegalArgumentException("records per shard must be > 0");
        }
        this.store = store;
        this.prefix = prefix;
        this.name = name;
        this.suffix = zstd ? ".jsonl.zst" : ".jsonl";
        this.perShard = perShard;
    }

    /** Appends a record. */
    public void write(Object value) {
        try {
            if (cur == null) {
                tmp = Files.createTempFile("tailguard-shard-", suffix);
                cur = new JsonlWriter(suffix, Files.newOutputStream(tmp));
            }
            cur.write(value);
            total++;
            if (cur.records() >= perShard || cur.bytes() >= maxShardBytes) {
                flushShard();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushShard() throws IOException {
        cur.close();
        String key = nextKey();
        try {
            store.put(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        keys.add(key);
        shardCounts.add(cur.records());
        cur = null;
        tmp = null;
    }

    /** The key of the shard the next record goes to. */
    public String nextKey() {
        return prefix + name + String.format("-%05d", keys.size()) + suffix;
    }

    /** Records written so far. */
    public long total() {
        return total;
    }

    /** Keys of the shards written (complete after {@link #close()}). */
    public List<String> keys() {
        return List.copyOf(keys);
    }

    /** Record count per shard, parallel to {@link #keys()}. */
    public List<Long> shardCounts() {
        return List.copyOf(shardCounts);
    }

    @Override
    public void close() {
        try {
            if (cur != null) {
                flushShard();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
