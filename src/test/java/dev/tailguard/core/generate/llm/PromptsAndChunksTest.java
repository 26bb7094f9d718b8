package dev.tailguard.core.generate.llm;

import dev.tailguard.core.generate.SyntheticRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptsAndChunksTest {

    @Test
    void builtInWrapPromptsQuoteThePaperAndHashTheirFile() throws Exception {
        PromptLibrary lib = PromptLibrary.load(null);
        assertThat(lib.ids()).containsExactly("wrap-easy", "wrap-hard", "wrap-medium", "wrap-qa");
        assertThat(lib.get("wrap-easy").user()).contains("very small vocabulary and extremely simple sentences that "
                + "a toddler will understand").endsWith("{text}");
        assertThat(lib.get("wrap-medium").user()).contains("high quality English language as in sentences on Wikipedia");
        assertThat(lib.get("wrap-hard").user()).contains("very terse and abstruse language that only an erudite "
                + "scholar will understand");
        assertThat(lib.get("wrap-qa").user()).contains("conversational format with multiple tags of \"Question:\" "
                + "followed by \"Answer:\"");
        assertThat(lib.get("wrap-qa").style()).isEqualTo("qa");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("prompts/wrap-medium.prompt")) {
            String file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(lib.get("wrap-medium").sha256()).isEqualTo(SyntheticRecord.sha256Hex(file));
        }
        assertThat(lib.get("wrap-medium").render("Hello.")).endsWith("Wikipedia:\n\nHello.");
    }

    @Test
    void directoryAddsAndOverridesTemplatesAndBadFilesAreNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("legal.prompt"), "style: legal\n---\nRewrite as a statute:\n\n{text}\n");
        Files.writeString(dir.resolve("wrap-qa.prompt"), "style: qa\nsystem: Be brief.\n---\nQ/A please: {text}");
        PromptLibrary lib = PromptLibrary.load(dir);
        assertThat(lib.ids()).contains("legal", "wrap-qa", "wrap-easy");
        assertThat(lib.get("legal").system()).isEmpty();
        assertThat(lib.get("wrap-qa").system()).isEqualTo("Be brief.");
        assertThat(lib.get("wrap-qa").render("x")).isEqualTo("Q/A please: x");

        Files.writeString(dir.resolve("broken.prompt"), "style: x\nno colon here\n---\n{text}");
        assertThatThrownBy(() -> PromptLibrary.load(dir)).hasMessageContaining("broken.prompt line 2");
        Files.writeString(dir.resolve("broken.prompt"), "style: x\n---\nno placeholder");
        assertThatThrownBy(() -> PromptLibrary.load(dir)).hasMessageContaining("broken.prompt")
                .hasMessageContaining("{text} exactly once");
    }

    @Test
    void chunksAreSentenceAlignedNearTheTarget() {
        // token counts: "A b c." = 4, "D e." = 3, "F g h i j k." = 7, "L." = 2
        String text = "A b c. D e. F g h i j k. L.";
        assertThat(Chunker.chunk(text, 7)).containsExactly("A b c. D e.", "F g h i j k.", "L.");
        assertThat(Chunker.chunk(text, 100)).containsExactly(text);
        assertThat(Chunker.chunk(text, 1)).containsExactly("A b c.", "D e.", "F g h i j k.", "L.");
        assertThat(Chunker.chunk("   ", 10)).isEmpty();
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-24T16:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 16:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 15:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse("-3", now)).isEmpty();
    }

    @Test
    void reportedBaseUrlDropsCredentialsAndQuery() {
        assertThat(LlmConfig.safeUrl("https://user:pw@api.example.com:8443/v1?api-key=abc"))
                .isEqualTo("https://api.example.com:8443/v1");
        LlmConfig c = LlmConfig.builder("https://user:pw@api.example.com/v1", "m").apiKey("k-123456").build();
        assertThat(c.toString()).doesNotContain("pw").doesNotContain("k-123456").contains("api_key_set=true");
    }

    @Test
    void styleMixIsDeterministicPerChunkAndFollowsWeights() {
        StyleMix mix = new StyleMix(Map.of("a", 3.0, "b", 1.0, "c", 0.0), 11);
        int a = 0;
        for (int i = 0; i < 4000; i++) {
            String p = mix.pick("doc-" + i, i % 5);
            assertThat(p).isIn("a", "b").isEqualTo(mix.pick("doc-" + i, i % 5));
            if (p.equals("a")) {
                a++;
            }
        }
        assertThat(a / 4000.0).isBetween(0.72, 0.78);
        assertThat(new StyleMix(Map.of("a", 3.0, "b", 1.0), 11).ids()).isEqualTo(java.util.Set.of("a", "b"));
        assertThat(List.of(mix.ids().toArray())).containsExactly("a", "b");
    }
}
