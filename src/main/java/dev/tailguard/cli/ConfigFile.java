package dev.tailguard.cli;

import dev.tailguard.function.KnownConfigKeys;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@code --config} file: Java properties format (UTF-8) under any file name. Keys outside {@code tailguard.*}
 * (e.g. {@code quarkus.log.level}) pass through; an unknown {@code tailguard.*} key is an error naming the file,
 * line and key, with the closest known key when one is near.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Reads and checks the file.
     *
     * @throws IllegalArgumentException naming the file (and line and key) when it is missing, unreadable or carries
     *                                  unknown {@code tailguard.*} keys
     */
    public static Map<String, String> load(Path file, KnownConfigKeys known) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file not found: " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Properties props = new Properties();
        try (Reader r = new StringReader(text)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + file + " is not in properties format: " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
            if (key.startsWith("tailguard.") && !known.isKnown(key)) {
                problems.add(file + ":" + lineOf(text, key) + ": unknown key '" + key + "'"
                        + known.suggest(key).map(s -> "; did you mean '" + s + "'?").orElse(""));
            }
            values.put(key, props.getProperty(key));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return values;
    }

    /** The 1-based line where the key is set, or 0 when it cannot be told (an escaped or continued key). */
    static int lineOf(String text, String key) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.startsWith(key) && (l.length() == key.length() || "=: \t".indexOf(l.charAt(key.length())) >= 0)) {
                return i + 1;
            }
        }
        return 0;
    }
}
