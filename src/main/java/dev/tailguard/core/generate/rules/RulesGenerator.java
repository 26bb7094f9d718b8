package dev.tailguard.core.generate.rules;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.Generator;
import dev.tailguard.core.generate.SyntheticRecord;
import dev.tailguard.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Rule-based rephrasing ({@code rules}): WordNet synonym substitution, clause and sentence reordering, and
 * question/answer templating of declarative sentences. One output per seed, in one of two styles:
 * {@code paraphrase} (synonyms + reordering) or {@code qa} (synonyms + "Question:"/"Answer:" pairs, the WRAP Q/A
 * format of collapse-anchors §4). Each seed gets its own random stream derived from the seed and its id, so the
 * output does not depend on batch order. Every output lists the rules that changed it in {@code rules_applied};
 * a seed no rule could change is rejected with {@code no_rule_applied}.
 */
public final class RulesGenerator implements Generator {

    /** Generator name recorded in provenance. */
    public static final String NAME = "rules";
    /** The lexical resource recorded as {@code model}. */
    public static final String MODEL = "wordnet-3.1";
    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");

    private final RulesConfig config;
    private final String runId;
    private final String parentRun;
    private final SynonymRule synonyms;
    private final ClauseReorderRule clauses;
    private final SentenceReorderRule sentences = new SentenceReorderRule();
    private final QaTemplateRule qa;

    /**
     * @param runId     recorded as {@code run_id}, may be null
     * @param parentRun recorded as {@code parent_run}, may be null
     */
    public RulesGenerator(RulesConfig config, String runId, String parentRun) {
        this.config = config;
        this.runId = runId;
        this.parentRun = parentRun;
        WordNetLexicon lexicon = WordNetLexicon.shared();
        this.synonyms = new SynonymRule(lexicon);
        this.clauses = new ClauseReorderRule(lexicon);
        this.qa = new QaTemplateRule(lexicon);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seed", config.seed());
        p.put("synonym_rate", config.synonymRate());
        p.put("clause_rate", config.clauseRate());
        p.put("sentence_rate", config.sentenceRate());
        p.put("qa_fraction", config.qaFraction());
        p.put("lexicon", MODEL);
        return p;
    }

    @Override
    public void generate(List<Document> seeds, GenerationSink sink) {
        for (Document seed : seeds) {
            if (seed.text().isBlank()) {
                sink.reject(seed.id(), "empty_seed", "seed text is blank");
                continue;
            }
            try {
                Rewrite r = rewrite(seed.id(), seed.text());
                if (r.applied().isEmpty()) {
                    sink.reject(seed.id(), "no_rule_applied", "no rule matched the seed text");
                    continue;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put(Provenance.MODEL, MODEL);
                f.put(Provenance.STYLE, r.style());
                f.put(Provenance.RULES_APPLIED, r.applied());
                f.put(Provenance.PARAMETERS, parameters());
                String id = seed.id() + "-" + NAME + "-" + r.style() + "-0";
                sink.accept(SyntheticRecord.of(seed, id, r.text(), NAME, runId, parentRun, f));
            } catch (RuntimeException e) {
                sink.reject(seed.id(), "rule_error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /** The rewrite of one text: the new text, its style and the rules that changed it (in order). */
    public record Rewrite(String text, String style, List<String> applied) {
    }

    /** Rewrites one text deterministically for the given seed id. */
    public Rewrite rewrite(String seedId, String text) {
        RandomGenerator rnd = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L ^ SyntheticRecord.stableHash(seedId));
        boolean wantQa = rnd.nextDouble() < config.qaFraction();
        List<String> applied = new ArrayList<>();
        SynonymRule.Result syn = synonyms.apply(text, config.synonymRate(), rnd);
        if (syn.count() > 0) {
            applied.add(SynonymRule.NAME);
        }
        String[] paragraphs = PARAGRAPH.split(syn.text().strip());
        if (wantQa) {
            String out = qa(paragraphs);
            if (out != null) {
                applied.add(QaTemplateRule.NAME);
                return new Rewrite(out, "qa", List.copyOf(applied));
            }
        }
        return new Rewrite(paraphrase(paragraphs, rnd, applied), "paraphrase", List.copyOf(applied));
    }

    private String paraphrase(String[] paragraphs, RandomGenerator rnd, List<String> applied) {
        List<String> out = new ArrayList<>(paragraphs.length);
        boolean clauseUsed = false;
        boolean swapUsed = false;
        for (String p : paragraphs) {
            List<String> ss = new ArrayList<>(Tokenizer.sentences(p));
            boolean changed = false;
            for (int i = 0; i < ss.size(); i++) {
                if (rnd.nextDouble() < config.clauseRate()) {
                    String r = clauses.apply(ss.get(i));
                    if (r != null) {
                        ss.set(i, r);
                        changed = clauseUsed = true;
                    }
                }
            }
            if (rnd.nextDouble() < config.sentenceRate()) {
                List<String> swapped = sentences.apply(ss, rnd);
                if (swapped != null) {
                    ss = swapped;
                    changed = swapUsed = true;
                }
            }
            out.add(changed ? String.join(" ", ss) : p);
        }
        if (clauseUsed) {
            applied.add(ClauseReorderRule.NAME);
        }
        if (swapUsed) {
            applied.add(SentenceReorderRule.NAME);
        }
        return String.join("\n\n", out);
    }

    private String qa(String[] paragraphs) {
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (String p : paragraphs) {
            StringBuilder block = new StringBuilder();
            for (String s : Tokenizer.sentences(p)) {
                String q = qa.question(s);
                if (q != null) {
                    if (block.length() > 0) {
                        block.append("\n\n");
                    }
                    block.append("Question: ").append(q).append("\nAnswer: Yes. ").append(s);
                    any = true;
                } else {
                    if (block.length() > 0) {
                        block.append(' ');
                    }
                    block.append(s);
                }
            }
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(block);
        }
        return any ? out.toString() : null;
    }
}
