package dev.tailguard.core.io.parquet;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded Parquet write/read timing (not a unit test): {@code java -cp <test classpath>
 * dev.tailguard.core.io.parquet.ParquetBench ../shared/data/sotu.jsonl [repeats]}. Prints JSON: documents, JSONL and
 * Parquet bytes, best-of-N write and read milliseconds.
 */
public final class ParquetBench {

    private ParquetBench() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        int repeats = args.length > 1 ? Math.min(Integer.parseInt(args[1]), 20) : 5;
        List<Document> docs = new ArrayList<>();
        for (String line : Files.readAllLines(in)) {
            docs.add(Json.MAPPER.readValue(line, Document.class));
        }
        Path out = Files.createTempFile("bench-", ".parquet");
        long bestWrite = Long.MAX_VALUE;
        long bestRead = Long.MAX_VALUE;
        long[] n = new long[1];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            try (ParquetDocumentWriter w = ParquetDocumentWriter.open(out)) {
                for (Document d : docs) {
                    w.write(d);
                }
            }
            long t1 = System.nanoTime();
            n[0] = 0;
            new ParquetDocumentReader("text").read(out, d -> n[0]++, p -> { });
            long t2 = System.nanoTime();
            bestWrite = Math.min(bestWrite, (t1 - t0) / 1_000_000);
            bestRead = Math.min(bestRead, (t2 - t1) / 1_000_000);
        }
        System.out.printf("{\"documents\":%d,\"read_back\":%d,\"jsonl_bytes\":%d,\"parquet_bytes\":%d,\"write_ms\":%d,\"read_ms\":%d,\"repeats\":%d}%n",
                docs.size(), n[0], Files.size(in), Files.size(out), bestWrite, bestRead, repeats);
        Files.delete(out);
    }
}
