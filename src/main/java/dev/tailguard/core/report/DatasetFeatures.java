package dev.tailguard.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dataset_info.features} of a dataset card, inferred from records (JSON objects as maps) the way the
 * Hugging Face {@code datasets} JSON loader types them: strings {@code string}, integers {@code int64}, other
 * numbers {@code float64}, booleans {@code bool}, objects {@code struct} (union of keys seen), arrays
 * {@code list} of the element type. A field seen with both integers and decimals is {@code float64}; any other mix
 * is {@code string}. Feed it every blended record (or a fixed sample) in order; field order is first-seen order.
 */
public final class DatasetFeatures {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds one record's fields. */
    public DatasetFeatures add(Map<String, ?> record) {
        record.forEach((k, v) -> fields.put(k, merge(fields.get(k), type(v))));
        return this;
    }

    /**
     * The features as the card's YAML list: {@code [{name, dtype}]}, {@code [{name, struct: [...]}]} or
     * {@code [{name, list: dtype}]}, the shapes of the Hub's {@code dataset_info.features}.
     */
    public List<Map<String, Object>> toYaml() {
        return toYaml(fields);
    }

    /** The features of records with only {@code id}, {@code text} and {@code source} strings. */
    public static DatasetFeatures minimal() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "");
        row.put("text", "");
        row.put("source", "");
        return new DatasetFeatures().add(row);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> toYaml(Map<String, Object> fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        fields.forEach((name, t) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.putAll(shape(t));
            out.add(f);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shape(Object t) {
        if (t instanceof Map<?, ?> m) {
            return Map.of("struct", toYaml((Map<String, Object>) m));
        }
        if (t instanceof ListOf l) {
            Map<String, Object> inner = shape(l.element());
            Object element = inner.containsKey("dtype") ? inner.get("dtype") : inner;
            return Map.of("list", element);
        }
        return Map.of("dtype", t == null ? "string" : t);
    }

    /** A list type. */
    private record ListOf(Object element) {
    }

    @SuppressWarnings("unchecked")
    private static Object type(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger || v instanceof Short) {
            return "int64";
        }
        if (v instanceof Number) {
            return "float64";
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> s = new LinkedHashMap<>();
            m.forEach((k, x) -> s.put(String.valueOf(k), merge(s.get(String.valueOf(k)), type(x))));
            return s;
        }
        if (v instanceof List<?> l) {
            Object e = null;
            for (Object x : l) {
                e = merge(e, type(x));
            }
            return new ListOf(e);
        }
        return "string";
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.equals(b)) {
            return a;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) ma);
            ((Map<String, Object>) mb).forEach((k, v) -> s.put(k, merge(s.get(k), v)));
            return s;
        }
        if (a instanceof ListOf la && b instanceof ListOf lb) {
            return new ListOf(merge(la.element(), lb.element()));
        }
        if (isNumber(a) && isNumber(b)) {
            return "float64";
        }
        return "string";
    }

    private static boolean isNumber(Object t) {
        return "int64".equals(t) || "float64".equals(t);
    }
}
