package dev.tailguard.core.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunFingerprintTest {

    private static Map<String, String> llmProps(Path promptDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tailguard.generate.generator", "llm");
        m.put("tailguard.generate.llm.base-url", "http://127.0.0.1:8000/v1");
        m.put("tailguard.generate.llm.model", "m1");
        m.put("tailguard.generate.llm.api-key", "sk-secret-1234567890");
        m.put("tailguard.generate.llm.style-mix", "wrap-medium:1,custom:1");
        m.put("tailguard.generate.llm.prompt-dir", promptDir.toString());
        m.put("tailguard.generate.llm.temperature", "0.7");
        return m;
    }

    private static String fp(Map<String, String> props, String input) throws Exception {
        GeneratorSpec spec = GeneratorSpec.fromConfig(k -> Optional.ofNullable(props.get(k)), null, null);
        return new RunFingerprint().generator(spec).config(props).anchor("anchors/sotu-real.jsonl")
                .input("corpus.jsonl", new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .runId("run");
    }

    @Test
    void everyOutputChangingSettingChangesTheRunId(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("custom.prompt"), "style: custom\nsystem: be brief\n---\nRewrite:\n\n{text}\n");
        Map<String, String> base = llmProps(dir);
        String id = fp(base, "{\"text\":\"a\"}\n");
        assertThat(id).matches("run-[0-9a-f]{16}");
        assertThat(fp(new HashMap<>(base), "{\"text\":\"a\"}\n")).as("map order and instance").isEqualTo(id);

        Map<String, String> key = new LinkedHashMap<>(base);
        key.put("tailguard.generate.llm.api-key", "sk-other-0987654321");
        assertThat(fp(key, "{\"text\":\"a\"}\n")).as("the API key does not change outputs").isEqualTo(id);

        for (String[] change : new String[][]{{"tailguard.generate.llm.temperature", "0.9"},
                {"tailguard.generate.llm.model", "m2"}, {"tailguard.generate.llm.base-url", "http://127.0.0.1:9000/v1"},
                {"tailguard.generate.llm.max-tokens", "256"}, {"tailguard.generate.llm.on-truncated", "quarantine"},
                {"tailguard.generate.min-documents", "3"}, {"tailguard.generate.seed", "43"},
                {"tailguard.input.text-field", "content"}}) {
            Map<String, String> m = new LinkedHashMap<>(base);
            m.put(change[0], change[1]);
            assertThat(fp(m, "{\"text\":\"a\"}\n")).as(change[0]).isNotEqualTo(id);
        }
        assertThat(fp(base, "{\"text\":\"b\"}\n")).as("input bytes").isNotEqualTo(id);
        Files.writeString(dir.resolve("custom.prompt"), "style: custom\nsystem: be verbose\n---\nRewrite:\n\n{text}\n");
        assertThat(fp(base, "{\"text\":\"a\"}\n")).as("prompt template text").isNotEqualTo(id);

        GeneratorSpec spec = GeneratorSpec.fromConfig(k -> Optional.ofNullable(base.get(k)), null, null);
        RunFingerprint f = new RunFingerprint().generator(spec).config(base).anchor("x");
        assertThat(f.canonicalJson()).doesNotContain("sk-secret").contains("\"anchor\":\"x\"");
        assertThat(new RunFingerprint().generator(spec).config(base).anchor("y").sha256Hex())
                .isNotEqualTo(f.sha256Hex());
    }
}
