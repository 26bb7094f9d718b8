package dev.tailguard.core.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the dataset card cannot measure and must be told. Keys (all optional; read with {@link #from(Function)}):
 * <ul>
 *   <li>{@code tailguard.card.license}: a Hugging Face Hub license id (e.g. {@code apache-2.0}, {@code cc-by-4.0},
 *       {@code other}; https://huggingface.co/docs/hub/repositories-licenses). Required for a publishable card: when
 *       it is missing the card carries {@code license: unknown} and a warning at the top of its body.</li>
 *   <li>{@code tailguard.card.language}: comma-separated ISO 639-1/639-3 codes ({@code en}, {@code de,fr}); when
 *       missing the card uses the languages detected on the blended set, if the caller passed them.</li>
 *   <li>{@code tailguard.card.task-categories}: comma-separated Hub task ids, default {@code text-generation}.</li>
 *   <li>{@code tailguard.card.pretty-name}: the card's display name, default {@code Tailguard blended dataset <run>}.</li>
 *   <li>{@code tailguard.card.tags}: extra tags, comma-separated ({@code synthetic} and {@code tailguard} are always
 *       present).</li>
 *   <li>{@code tailguard.card.source-datasets}: comma-separated Hub dataset ids of the real inputs (local file paths
 *       never go into the metadata).</li>
 * </ul>
 *
 * @param license        Hub license id, or null when not configured
 * @param languages      configured language codes (empty = not configured)
 * @param taskCategories Hub task ids
 * @param prettyName     display name, or null for the default
 * @param tags           extra tags
 * @param sourceDatasets Hub dataset ids of the sources
 */
public record CardSettings(String license, List<String> languages, List<String> taskCategories, String prettyName,
                           List<String> tags, List<String> sourceDatasets) {

    /** Config key of the license. */
    public static final String LICENSE = "tailguard.card.license";
    /** Config key of the languages. */
    public static final String LANGUAGE = "tailguard.card.language";
    /** Config key of the task categories. */
    public static final String TASK_CATEGORIES = "tailguard.card.task-categories";
    /** Config key of the display name. */
    public static final String PRETTY_NAME = "tailguard.card.pretty-name";
    /** Config key of the extra tags. */
    public static final String TAGS = "tailguard.card.tags";
    /** Config key of the source dataset ids. */
    public static final String SOURCE_DATASETS = "tailguard.card.source-datasets";
    /** Default task category. */
    public static final String DEFAULT_TASK = "text-generation";

    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}");

    /** Validates the values (lower-case Hub ids, ISO 639 codes). */
    public CardSettings {
        license = blankToNull(license);
        prettyName = blankToNull(prettyName);
        languages = List.copyOf(languages);
        taskCategories = taskCategories.isEmpty() ? List.of(DEFAULT_TASK) : List.copyOf(taskCategories);
        tags = List.copyOf(tags);
        sourceDatasets = List.copyOf(sourceDatasets);
        if (license != null && !HubMetadata.LICENSES.contains(license)) {
            throw new IllegalArgumentException(LICENSE + ": '" + license + "' is not a Hub license id (lower case, e.g. "
                    + "apache-2.0, cc-by-4.0, other; https://huggingface.co/docs/hub/repositories-licenses)");
        }
        for (String l : languages) {
            if (!LANGUAGE_CODE.matcher(l).matches()) {
                throw new IllegalArgumentException(LANGUAGE + ": '" + l + "' is not an ISO 639-1 or 639-3 code (e.g. en, deu)");
            }
        }
        for (String t : taskCategories) {
            if (!HubMetadata.TASK_CATEGORIES.contains(t)) {
                throw new IllegalArgumentException(TASK_CATEGORIES + ": '" + t + "' is not a Hub task id (e.g. text-generation; https://huggingface.co/tasks)");
            }
        }
    }

    /** No configuration: no license, no language, {@code text-generation}. */
    public static CardSettings defaults() {
        return new CardSettings(null, List.of(), List.of(), null, List.of(), List.of());
    }

    /** Reads the {@code tailguard.card.*} keys through a lookup (null = absent). */
    public static CardSettings from(Function<String, String> config) {
        return new CardSettings(config.apply(LICENSE), list(config.apply(LANGUAGE)), list(config.apply(TASK_CATEGORIES)),
                config.apply(PRETTY_NAME), list(config.apply(TAGS)), list(config.apply(SOURCE_DATASETS)));
    }

    /** Whether a license was configured. */
    public boolean hasLicense() {
        return license != null;
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : Objects.requireNonNull(s).strip();
    }
}
