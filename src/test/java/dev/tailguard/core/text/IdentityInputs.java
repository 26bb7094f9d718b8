package dev.tailguard.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Varied texts for the old-versus-new identity tests of issue 12's CPU rewrites: hand-written snippets in several
 * languages and scripts (English, French, German, Spanish, Dutch, Cyrillic, CJK, Arabic, Greek, emoji and other
 * surrogate pairs, bullets, ellipses, blank lines, every line-break kind), the empty and punctuation-only texts,
 * every document of the two test slices, and seeded random mixtures of all of those characters.
 */
public final class IdentityInputs {

    private static final List<String> SNIPPETS = List.of("", " ", "\n\n", "...", "?!.,;:—–-()[]{}\"'«»", "a", "A.",
            "The cat sat on the mat, and it was not by the door. This is the end of it.",
            "Le chat est sur la table et il ne veut pas que nous le dérangions dans la cuisine du château.",
            "Der Hund und die Katze sind nicht im Haus, das ist auch mit dem Auto ein Problem für mich.",
            "El perro y la casa de los amigos que no están en la ciudad por una semana con su madre.",
            "Het is een mooie dag en ik ga naar de stad met mijn vrienden, maar die zijn er niet.",
            "Привет, как дела? Это тестовый текст на русском языке, и он длинный.",
            "这是一个中文句子。我们今天去公园散步，天气很好！日本語の文もあります。",
            "هذا نص عربي للاختبار، وهو يحتوي على كلمات كثيرة.", "Ελληνικά γράμματα ΣΊΣΥΦΟΣ και λέξεις.",
            "emoji \uD83D\uDE00\uD83D\uDE00 done \uD83D\uDC4D\uD83C\uDFFD ok \uD835\uDC00\uD835\uDC01 math",
            "lone \uD800 high and \uDC00 low surrogates", "İstanbul ǅemal naïve cafe\u0301 résumé Straße ﬁne",
            "• first bullet\n• second bullet\n  ◦ nested\n- dash\n", "line one...\nline two…\nline three\n\n\n",
            "a\r\nb\rc\u000bd\u000ce\u001cf\u001dg\u001eh\u0085i\u2028j\u2029k",
            "# heading\n## another #tag ##\n\nparagraph\n\nparagraph\n\nparagraph",
            "Mr. Smith went to Washington. Dr. J. Doe said: \"Yes!\" (Really?) U.S. e.g. etc. Then\n\nnew para.",
            "repeat repeat repeat repeat repeat repeat repeat repeat repeat repeat repeat repeat",
            "Don't stop — it's 1999’s end. rock'n'roll o'clock ' trailing'", "tab\tnew\nline\u00a0nbsp \u0007bell",
            "Contact me at john.doe@example.com or +1 (555) 123-4567, 192.168.0.1, 4111 1111 1111 1111.",
            "ALL CAPS TEXT WITH NO STOP WORDS AT ALL", "１２３ ＡＢＣ full-width ｶﾀｶﾅ", "\u0301leading mark");

    private IdentityInputs() {
    }

    /** Snippets, the slice documents, and {@code random} seeded mixtures (seed {@code seed}). */
    public static List<String> texts(int random, long seed) {
        List<String> out = new ArrayList<>(SNIPPETS);
        out.addAll(slice("/collapse/moby-dick-slice.jsonl"));
        out.addAll(slice("/collapse/sotu-slice.jsonl"));
        out.addAll(mixtures(random, seed));
        return out;
    }

    /** Seeded random concatenations of snippet pieces and single characters from every snippet. */
    /** {@link #texts}({@code 3000}, textSeed), {@link #mixtures}({@code 200}, mixtureSeed) and the fixed texts joined. */
    public static List<String> standard(long textSeed, long mixtureSeed) {
        List<String> out = new java.util.ArrayList<>(texts(3000, textSeed));
        out.addAll(mixtures(200, mixtureSeed));
        out.add(String.join("\n\n", texts(0, 0L)));
        return out;
    }

    public static List<String> mixtures(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String alphabet = String.join("", SNIPPETS) + " \n\n  \t";
        List<String> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            StringBuilder sb = new StringBuilder();
            int parts = rnd.nextInt(1, 30);
            for (int p = 0; p < parts; p++) {
                if (rnd.nextBoolean()) {
                    String s = SNIPPETS.get(rnd.nextInt(SNIPPETS.size()));
                    int a = s.isEmpty() ? 0 : rnd.nextInt(s.length());
                    sb.append(s, a, Math.min(s.length(), a + rnd.nextInt(1, 60)));
                } else {
                    for (int c = rnd.nextInt(1, 12); c > 0; c--) {
                        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static List<String> slice(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (InputStream in = IdentityInputs.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    out.add(n.get("text").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
