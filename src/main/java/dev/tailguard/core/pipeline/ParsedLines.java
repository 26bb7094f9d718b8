package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.CopyIndex;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.io.InputSources;
import dev.tailguard.core.io.JsonlLine;
import dev.tailguard.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The ingest's reader thread: resolves each input spec, reads its sources' lines (decompression, UTF-8 decoding, JSON
 * parsing, validation) and counts each valid document's {@code Tokenizer.words} tokens (an exact copy of a text
 * counted before takes its count, {@link CopyIndex}), handing the lines to the
 * ingesting thread in input order through a bounded queue (at most {@value #QUEUED} batches of {@value #BATCH}
 * lines or {@value #BATCH_CHARS} text characters, whichever comes first, so at most ~9 MiB of text wait in
 * the hand-over whatever the document size). The ingesting thread sees exactly the sequence a sequential pass would see, failures included (a missing
 * input or an unreadable line ends the sequence where the sequential pass would have thrown). Closing stops the
 * reader.
 */
final class ParsedLines implements AutoCloseable {

    /** Lines per hand-over. */
    static final int BATCH = 256;
    /** Text characters per hand-over (a batch closes at the first line that reaches it). */
    static final int BATCH_CHARS = 1 << 20;
    /** Batches queued at most. */
    static final int QUEUED = 8;

    /**
     * A line with the token count of its document (0 for a rejected line) and its text's
     * {@link NgramHash#textKey} (null for a rejected line).
     */
    record Parsed(JsonlLine line, long tokens, long[] textKey) {
    }

    /** A source of a spec, as the reader met it. */
    record Source(String name) {
    }

    private record SourceStart(Source source) {
    }

    private record Failure(Throwable error) {
    }

    private static final Object SOURCE_END = new Object();
    private static final Object SPEC_END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;

    ParsedLines(InputIngest ingest, List<String> specs) {
        reader = new Thread(() -> read(ingest, specs), "tailguard-ingest-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Token counts of the texts counted so far, for their exact copies (at most {@value #COPIES} texts). */
    private final CopyIndex<Long> counted = new CopyIndex<>(COPIES);
    private static final int COPIES = 1 << 18;

    /** {@code Tokenizer.count(text)}, looked up for an exact copy of a text counted before. */
    private long tokens(String text, long[] key) {
        Long known = counted.get(key);
        if (known != null) {
            return known;
        }
        long n = Tokenizer.count(text);
        counted.put(key, n, 1);
        return n;
    }

    private void read(InputIngest ingest, List<String> specs) {
        try {
            for (String spec : specs) {
                for (InputSources.Source src : ingest.sources(spec, "input")) {
                    queue.put(new SourceStart(new Source(src.name())));
                    List<Parsed> batch = new ArrayList<>(BATCH);
                    long[] chars = {0};
                    ingest.read(src, "input", l -> {
                        long[] key = l.valid() ? NgramHash.textKey(l.document().text()) : null;
                        batch.add(new Parsed(l, key == null ? 0 : tokens(l.document().text(), key), key));
                        chars[0] += l.valid() ? l.document().text().length() : 0;
                        if (batch.size() == BATCH || chars[0] >= BATCH_CHARS) {
                            put(List.copyOf(batch));
                            batch.clear();
                            chars[0] = 0;
                        }
                    });
                    if (!batch.isEmpty()) {
                        queue.put(List.copyOf(batch));
                    }
                    queue.put(SOURCE_END);
                }
                queue.put(SPEC_END);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Stopped e) {
            // closed by the ingesting thread
        } catch (RuntimeException | Error e) {
            if (!Thread.currentThread().isInterrupted()) {
                try {
                    queue.put(new Failure(e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Thrown inside the reader's line callback when the ingesting thread has closed. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private Object take() {
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the input", e);
        }
        if (o instanceof Failure f) {
            if (f.error() instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) f.error();
        }
        return o;
    }

    /**
     * The next source of {@code spec}, or null when the spec has no more sources.
     *
     * @throws PipelineFailure when the spec cannot be resolved or read (as the sequential pass would)
     */
    Source nextSource(String spec) {
        Object o = take();
        if (o == SPEC_END) {
            return null;
        }
        if (o instanceof SourceStart s) {
            return s.source();
        }
        throw new IllegalStateException("ingest reader out of step at " + spec + ": " + o);
    }

    /** Hands every line of the current source to {@code onLine}, in order. */
    void forEachLine(Consumer<Parsed> onLine) {
        while (true) {
            Object o = take();
            if (o == SOURCE_END) {
                return;
            }
            if (!(o instanceof List<?> batch)) {
                throw new IllegalStateException("ingest reader out of step: " + o);
            }
            for (Object p : batch) {
                onLine.accept((Parsed) p);
            }
        }
    }

    /** Stops the reader (when the ingest ends early) and waits for it. */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
