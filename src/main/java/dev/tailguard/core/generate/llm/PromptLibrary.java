package dev.tailguard.core.generate.llm;

import dev.tailguard.core.generate.SyntheticRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Prompt templates: the built-in WRAP styles ({@code prompts/*.prompt} on the class path, listed in
 * {@code prompts/index.txt}) plus any {@code *.prompt} files of a directory (same id = replaces the built-in).
 * File format: header lines {@code key: value} ({@code style}, {@code system}; {@code #} starts a comment), a line
 * {@code ---}, then the user message with one {@code {text}} placeholder.
 */
public final class PromptLibrary {

    private final Map<String, PromptTemplate> templates;

    private PromptLibrary(Map<String, PromptTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The built-in templates plus those of {@code dir} (may be null). */
    public static PromptLibrary load(Path dir) {
        Map<String, PromptTemplate> t = new TreeMap<>();
        for (String id : builtinIds()) {
            String res = "prompts/" + id + ".prompt";
            t.put(id, parse(id, read(res), "classpath:" + res));
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("prompt directory " + dir + " does not exist");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".prompt")).sorted().toList()) {
                    String id = f.getFileName().toString().replaceFirst("\\.prompt$", "");
                    t.put(id, parse(id, Files.readString(f, StandardCharsets.UTF_8), f.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read prompt directory " + dir, e);
            }
        }
        return new PromptLibrary(t);
    }

    /** The template with this id; the error names the known ids. */
    public PromptTemplate get(String id) {
        PromptTemplate p = templates.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown prompt id '" + id + "' (known: " + ids() + ")");
        }
        return p;
    }

    public List<String> ids() {
        return templates.keySet().stream().sorted().toList();
    }

    /** Parses one template file; errors name the file and line. */
    static PromptTemplate parse(String id, String content, String origin) {
        String[] lines = content.replace("\r\n", "\n").split("\n", -1);
        String style = null;
        String system = "";
        int i = 0;
        for (; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.equals("---")) {
                break;
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int c = l.indexOf(':');
            if (c < 0) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": expected 'key: value' or '---'");
            }
            String key = l.substring(0, c).strip();
            String value = l.substring(c + 1).strip();
            switch (key) {
                case "style" -> style = value;
                case "system" -> system = value;
                default -> { }
            }
        }
        if (i >= lines.length) {
            throw new IllegalArgumentException(origin + ": missing '---' line before the user message");
        }
        String user = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)).strip();
        int first = user.indexOf("{text}");
        if (first < 0 || user.indexOf("{text}", first + 1) >= 0) {
            throw new IllegalArgumentException(origin + ": the user message must contain {text} exactly once");
        }
        if (style == null || style.isEmpty()) {
            throw new IllegalArgumentException(origin + ": missing 'style:' header");
        }
        return new PromptTemplate(id, style, system, user, SyntheticRecord.sha256Hex(content));
    }

    private static List<String> builtinIds() {
        return read("prompts/index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String read(String resource) {
        try (InputStream in = PromptLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
