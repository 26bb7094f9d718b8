package dev.tailguard.function;

import dev.tailguard.embed.CollapseConfigMapping;
import dev.tailguard.review.ReviewConfig;
import io.smallrye.config.ConfigMappings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code tailguard.*} keys the application reads, as patterns: {@code *} stands for one segment (a map key such
 * as a gate's stage or metric), a trailing {@code .**} for any key below (adapter families read as plain properties).
 * Built from the {@code @ConfigMapping} interfaces, the defaults in {@code application.properties} and the
 * {@link #ADAPTER_FAMILIES}; a key in none of them is a typo (or a key nobody reads) and a {@code --config} file
 * carrying it is rejected.
 */
public final class KnownConfigKeys {

    /**
     * Keys outside the {@code @ConfigMapping} interfaces: adapter families read with {@code @ConfigProperty} (see the
     * note in {@code application.properties}) and the keys of the {@code run} flags.
     */
    public static final List<String> ADAPTER_FAMILIES = List.of(
            "tailguard.events", dev.tailguard.storage.StoreSelection.KEY, "tailguard.store.**", "tailguard.kafka.**", "tailguard.trigger.**",
            "tailguard.controller.**", "tailguard.review.**",
            // the keys of the run flags (dev.tailguard.cli.RunCommand's constants; the CLI sits above this package)
            "tailguard.workers", "tailguard.collapse.anchor", "tailguard.synthetic.inputs", "tailguard.input.text-field",
            "tailguard.output.format", dev.tailguard.core.generate.MinimumDocuments.KEY);

    private final Set<String> patterns;

    /** Known keys from the given patterns. */
    public KnownConfigKeys(Set<String> patterns) {
        this.patterns = Set.copyOf(patterns);
    }

    /** The application's keys: its config mappings, the classpath's {@code application.properties}, the families. */
    public static KnownConfigKeys ofApplication() {
        Set<String> p = new TreeSet<>(ADAPTER_FAMILIES);
        p.addAll(ConfigMappings.getProperties(new ConfigMappings.ConfigClass(TailguardConfig.class, "tailguard")).keySet());
        p.addAll(ConfigMappings.getProperties(new ConfigMappings.ConfigClass(ReviewConfig.class, "tailguard.review")).keySet());
        p.addAll(ConfigMappings.getProperties(new ConfigMappings.ConfigClass(CollapseConfigMapping.class,
                "tailguard.collapse")).keySet());
        p.addAll(defaultsKeys());
        p.addAll(dev.tailguard.core.generate.GeneratorSpec.KEYS);
        return new KnownConfigKeys(p);
    }

    /** {@code tailguard.*} keys of {@code application.properties} (profile prefixes such as {@code %test.} removed). */
    static Set<String> defaultsKeys() {
        Properties props = new Properties();
        try (InputStream in = KnownConfigKeys.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        Set<String> keys = new TreeSet<>();
        for (String k : props.stringPropertyNames()) {
            String key = k.startsWith("%") && k.indexOf('.') > 0 ? k.substring(k.indexOf('.') + 1) : k;
            if (key.startsWith("tailguard.")) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Whether the key is read by the application. */
    public boolean isKnown(String key) {
        return patterns.stream().anyMatch(p -> matches(p, key));
    }

    /**
     * The {@code tailguard.*} system properties that are not known keys, sorted: a typo in {@code -Dtailguard.x=y}
     * would otherwise be ignored silently.
     */
    public List<String> unknownProperties(Map<?, ?> properties) {
        List<String> out = new ArrayList<>();
        for (Object k : properties.keySet()) {
            String key = String.valueOf(k);
            if (key.startsWith("tailguard.") && !isKnown(key)) {
                out.add(key);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * The {@code TAILGUARD_*} environment variables that stand for no known key under MicroProfile Config's
     * environment-name mapping (every character other than a letter or digit becomes {@code _}, upper case), sorted.
     */
    public List<String> unknownEnvironment(Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        for (String name : environment.keySet()) {
            if (name.startsWith("TAILGUARD_") && !isKnownEnv(name)) {
                out.add(name);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Whether an environment variable name is the environment form of a known key. */
    public boolean isKnownEnv(String name) {
        return patterns.stream().anyMatch(p -> envPattern(p).matcher(name).matches());
    }

    /** The environment form of a key pattern: {@code *} is any non-empty run of name characters. */
    static Pattern envPattern(String pattern) {
        boolean below = pattern.endsWith(".**");
        String stem = below ? pattern.substring(0, pattern.length() - 3) : pattern;
        StringBuilder re = new StringBuilder();
        String[] parts = stem.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append('_');
            }
            re.append(parts[i].equals("*") ? "[A-Z0-9_]+"
                    : Pattern.quote(parts[i].replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
        }
        if (below) {
            re.append("_[A-Z0-9_]+");
        }
        return Pattern.compile(re.toString());
    }

    /** The known key closest to a mistyped one (Levenshtein distance at most an eighth of its length, or 2), if any. */
    public Optional<String> suggest(String key) {
        int limit = Math.max(2, key.length() / 8);
        List<String> candidates = new ArrayList<>();
        for (String p : patterns) {
            candidates.add(instantiate(p, key));
        }
        return candidates.stream().filter(c -> !c.contains("*"))
                .min(Comparator.comparingInt((String c) -> distance(c, key)).thenComparing(Comparator.naturalOrder()))
                .filter(c -> distance(c, key) <= limit);
    }

    static boolean matches(String pattern, String key) {
        if (pattern.endsWith(".**")) {
            String stem = pattern.substring(0, pattern.length() - 2);
            return key.startsWith(stem) && key.length() > stem.length();
        }
        String[] p = pattern.split("\\.", -1);
        String[] k = key.split("\\.", -1);
        if (p.length != k.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!p[i].equals("*") && !p[i].equals(k[i])) {
                return false;
            }
        }
        return true;
    }

    /** The pattern with its {@code *} segments taken from the key (so a map key does not count as a typo). */
    private static String instantiate(String pattern, String key) {
        String[] p = pattern.split("\\.", -1);
        String[] k = key.split("\\.", -1);
        if (pattern.endsWith(".**")) {
            return pattern.substring(0, pattern.length() - 3);
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("*") && i < k.length) {
                p[i] = k[i];
            }
        }
        return String.join(".", p);
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
