package dev.tailguard.core.io.parquet;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Streams {@link Document}s out of a Parquet file in Hugging Face datasets' layout: a string column holding the
 * text ({@code text} by default, {@code tailguard.input.text-field} to choose another), an optional string
 * {@code id} (else {@code <file stem>-<row>}), an optional string {@code source} (else the file name), an optional
 * string {@code metadata} holding a JSON object (Tailguard's own Parquet output), and every other top-level
 * primitive column copied into {@code metadata} under its name. Nested columns other than those are not read
 * (column projection), so a file with struct/list columns still streams. Rows are read one row group at a time.
 * A file without the text column, or whose text column is not a string, fails with an error naming the file and
 * the field; a row with a null or blank text goes to {@code onProblem} with a typed reason and is not returned.
 */
public final class ParquetDocumentReader {

    /** Default text column. */
    public static final String DEFAULT_TEXT_FIELD = "text";

    private final String textField;

    /** A reader taking the text from {@code textField}. */
    public ParquetDocumentReader(String textField) {
        this.textField = textField == null || textField.isBlank() ? DEFAULT_TEXT_FIELD : textField;
    }

    /**
     * Reads every row of the file in order: valid documents to {@code onDocument}, invalid rows to {@code onProblem}.
     *
     * @return the number of rows read
     */
    public long read(Path file, Consumer<Document> onDocument, Consumer<ParquetRowProblem> onProblem) throws IOException {
        return read(file, file.getFileName().toString(), onDocument, onProblem);
    }

    /**
     * {@link #read(Path, Consumer, Consumer)} of a local copy whose documents and problems are named after the
     * original input {@code name} (an object key or the file the copy came from): default ids, sources, errors.
     */
    public long read(Path file, String inputName, Consumer<Document> onDocument, Consumer<ParquetRowProblem> onProblem)
            throws IOException {
        String base = inputName.replace('\\', '/');
        String name = base.substring(base.lastIndexOf('/') + 1);
        MessageType schema = ParquetReader.readMetadata(file.toFile()).getFileMetaData().getSchema();
        List<String> columns = columns(name, schema);
        String stem = name.endsWith(".parquet") ? name.substring(0, name.length() - ".parquet".length()) : name;
        long[] row = {0};
        try (Stream<Map<String, Object>> rows = ParquetReader.streamContent(file.toFile(),
                HydratorSupplier.constantly(new RowHydrator()), columns)) {
            rows.forEachOrdered(r -> {
                long n = row[0]++;
                Document d = toDocument(name, stem, n, r, onProblem);
                if (d != null) {
                    onDocument.accept(d);
                }
            });
        }
        return row[0];
    }

    private List<String> columns(String file, MessageType schema) {
        if (!schema.containsField(textField)) {
            throw new IllegalArgumentException("Parquet file " + file + ": no column '" + textField + "' (columns: "
                    + schema.getFields().stream().map(Type::getName).toList()
                    + "); choose the text column with tailguard.input.text-field");
        }
        Type text = schema.getType(textField);
        if (!isString(text)) {
            throw new IllegalArgumentException("Parquet file " + file + ": column '" + textField
                    + "' is not a string column (" + text + ")");
        }
        List<String> cols = new ArrayList<>();
        for (Type t : schema.getFields()) {
            if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
                cols.add(t.getName());
            }
        }
        return cols;
    }

    private static boolean isString(Type t) {
        return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                && !t.isRepetition(Type.Repetition.REPEATED);
    }

    private Document toDocument(String file, String stem, long row, Map<String, Object> r,
                                Consumer<ParquetRowProblem> onProblem) {
        Object text = r.get(textField);
        if (text == null) {
            onProblem.accept(new ParquetRowProblem(file, row, ParquetRowProblem.Reason.MISSING_TEXT,
                    "column '" + textField + "' is null"));
            return null;
        }
        String s = text.toString();
        if (s.isBlank()) {
            onProblem.accept(new ParquetRowProblem(file, row, ParquetRowProblem.Reason.EMPTY_TEXT,
                    "column '" + textField + "' is blank"));
            return null;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (r.get("metadata") instanceof String json && !json.isBlank()) {
            try {
                Object parsed = Json.MAPPER.readValue(json, Object.class);
                if (!(parsed instanceof Map<?, ?> m)) {
                    throw new IOException("not a JSON object");
                }
                m.forEach((k, v) -> meta.put(String.valueOf(k), v));
            } catch (IOException e) {
                onProblem.accept(new ParquetRowProblem(file, row, ParquetRowProblem.Reason.INVALID_FIELD,
                        "column 'metadata' is not a JSON object: " + e.getMessage()));
                return null;
            }
        }
        r.forEach((k, v) -> {
            if (!k.equals(textField) && !k.equals("id") && !k.equals("source") && !k.equals("metadata") && v != null) {
                meta.putIfAbsent(k, v);
            }
        });
        String id = r.get("id") != null ? r.get("id").toString() : stem + "-" + row;
        String source = r.get("source") != null ? r.get("source").toString() : file;
        return new Document(id, s, source, meta);
    }

    /** Collects one row's primitive values by column name; BINARY values arrive as strings. */
    private static final class RowHydrator implements Hydrator<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> start() {
            return new HashMap<>();
        }

        @Override
        public Map<String, Object> add(Map<String, Object> target, String heading, Object value) {
            target.put(heading, value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value);
            return target;
        }

        @Override
        public Map<String, Object> finish(Map<String, Object> target) {
            return target;
        }
    }
}
