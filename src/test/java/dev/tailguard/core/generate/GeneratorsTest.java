package dev.tailguard.core.generate;

import dev.tailguard.core.generate.llm.ChatClientFactory;
import dev.tailguard.llm.OpenAiClient;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.llm.LlmGenerator;
import dev.tailguard.core.generate.rules.RulesGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorsTest {

    private static GeneratorSpec spec(Map<String, String> props) {
        return GeneratorSpec.fromConfig(k -> Optional.ofNullable(props.get(k)), "run-1", null);
    }

    @Test
    void readsLlmSettingsFromConfig() {
        GeneratorSpec s = spec(Map.ofEntries(
                Map.entry("tailguard.generate.generator", "llm"),
                Map.entry("tailguard.generate.seed", "9"),
                Map.entry("tailguard.generate.llm.base-url", "http://localhost:11434/v1/"),
                Map.entry("tailguard.generate.llm.model", "llama3.2:3b"),
                Map.entry("tailguard.generate.llm.api-key", "ollama"),
                Map.entry("tailguard.generate.llm.max-concurrency", "2"),
                Map.entry("tailguard.generate.llm.timeout", "90s"),
                Map.entry("tailguard.generate.llm.temperature", "0.9"),
                Map.entry("tailguard.generate.llm.max-tokens", "400"),
                Map.entry("tailguard.generate.llm.style-mix", "wrap-medium:2, wrap-qa:1"),
                Map.entry("tailguard.generate.llm.budget-tokens", "200000"),
                Map.entry("tailguard.generate.llm.initial-backoff", "250ms"),
                Map.entry("tailguard.generate.llm.max-retry-after", "PT2M")));
        assertThat(s.generator()).isEqualTo("llm");
        assertThat(s.llm().baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(s.llm().model()).isEqualTo("llama3.2:3b");
        assertThat(s.llm().maxConcurrency()).isEqualTo(2);
        assertThat(s.llm().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.llm().temperature()).isEqualTo(0.9);
        assertThat(s.llm().maxTokens()).isEqualTo(400);
        assertThat(s.llm().styleMix()).isEqualTo(Map.of("wrap-medium", 2.0, "wrap-qa", 1.0));
        assertThat(s.llm().budgetTokens()).isEqualTo(200000L);
        assertThat(s.llm().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.llm().maxRetryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.llm().seed()).isEqualTo(9L);
        assertThat(s.llm().toString()).doesNotContain("ollama\"").contains("api_key_set=true");
        try (Generator g = Generators.create(s, null, OpenAiClient::new)) {
            assertThat(g).isInstanceOf(LlmGenerator.class);
            assertThat(g.name()).isEqualTo("llm");
        }
    }

    @Test
    void defaultsToNgramThroughTheSuppliedFactoryAndBuildsRules() {
        Generator fake = new Generator() {
            @Override
            public String name() {
                return "ngram";
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of();
            }

            @Override
            public void generate(List<Document> seeds, GenerationSink sink) {
            }
        };
        GeneratorSpec ng = spec(Map.of());
        assertThat(ng.generator()).isEqualTo("ngram");
        assertThat(ng.llm()).isNull();
        assertThat(Generators.create(ng, s -> fake, ChatClientFactory.NONE)).isSameAs(fake);

        GeneratorSpec r = spec(Map.of("tailguard.generate.generator", "rules", "tailguard.generate.seed", "5",
                "tailguard.generate.rules.qa-fraction", "0.5"));
        Generator g = Generators.create(r, null, ChatClientFactory.NONE);
        assertThat(g).isInstanceOf(RulesGenerator.class);
        assertThat(g.parameters()).containsEntry("seed", 5L).containsEntry("qa_fraction", 0.5);
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> spec(Map.of("tailguard.generate.generator", "gpt")))
                .hasMessageContaining("tailguard.generate.generator");
        assertThatThrownBy(() -> spec(Map.of("tailguard.generate.generator", "llm")))
                .hasMessageContaining("tailguard.generate.llm.base-url");
        assertThatThrownBy(() -> spec(Map.of("tailguard.generate.generator", "llm",
                "tailguard.generate.llm.base-url", "http://h/v1", "tailguard.generate.llm.model", "m",
                "tailguard.generate.llm.timeout", "soon")))
                .hasMessageContaining("tailguard.generate.llm.timeout");
        assertThatThrownBy(() -> spec(Map.of("tailguard.generate.rules.synonym-rate", "2")))
                .hasMessageContaining("tailguard.generate.rules.synonym-rate");
    }
}
