package dev.tailguard.core.io.parquet;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.ParquetWriter;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.store.ObjectStore;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes documents to a Parquet file (Snappy pages, the Hugging Face datasets default) with the columns
 * {@link #SCHEMA}: {@code id}, {@code text} (required strings), {@code source}, {@code kind} (strings),
 * {@code generation} (int64) and {@code metadata} (the document's metadata as a JSON object string, so every
 * provenance field survives whatever its shape). {@link ParquetDocumentReader} reads it back into equal documents.
 * Not thread-safe.
 */
public final class ParquetDocumentWriter implements Closeable {

    /** The file schema. */
    public static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("text")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("source")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("kind")
            .optional(PrimitiveTypeName.INT64).named("generation")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("metadata")
            .named("document");

    private static final Dehydrator<Document> DEHYDRATOR = (d, w) -> {
        w.write("id", d.id());
        w.write("text", d.text());
        if (d.source() != null) {
            w.write("source", d.source());
        }
        Object kind = d.metadata().get("kind");
        if (kind != null) {
            w.write("kind", String.valueOf(kind));
        }
        if (d.metadata().get("generation") instanceof Number g) {
            w.write("generation", g.longValue());
        }
        w.write("metadata", Json.write(d.metadata()));
    };

    private final ParquetWriter<Document> writer;
    private long written;

    private ParquetDocumentWriter(Path file) throws IOException {
        Files.deleteIfExists(file);
        this.writer = ParquetWriter.writeFile(SCHEMA, file.toFile(), DEHYDRATOR);
    }

    /** Opens a new file (an existing one is replaced, so a re-run writes the same bytes). */
    public static ParquetDocumentWriter open(Path file) throws IOException {
        return new ParquetDocumentWriter(file);
    }

    /** Appends one document. */
    public void write(Document d) throws IOException {
        writer.write(d);
        written++;
    }

    /** Documents written so far. */
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /**
     * Writes one shard to the object store under {@code key} (e.g. {@code runs/<id>/blended/part-00000.parquet})
     * through a temporary file, which is deleted afterwards.
     */
    public static void writeShard(ObjectStore store, String key, List<Document> docs) throws IOException {
        Path tmp = Files.createTempFile("tailguard-", ".parquet");
        try {
            try (ParquetDocumentWriter w = open(tmp)) {
                for (Document d : docs) {
                    w.write(d);
                }
            }
            store.put(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
