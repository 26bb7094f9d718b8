package dev.tailguard.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseCalibration;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.collapse.CollapseThresholds;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the collapse calibration table of a JSONL corpus (not wired into the CLI yet; run with
 * {@code java -cp ... dev.tailguard.embed.CollapseCalibrationMain CORPUS [GENERATIONS] [SEEDS] [SALT] [embed|noembed]}).
 */
public final class CollapseCalibrationMain {

    private CollapseCalibrationMain() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        int generations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String salt = args.length > 3 ? args[3] : AnchorSplit.DEFAULT_SALT;
        boolean embed = args.length <= 4 || !args[4].equals("noembed");
        List<Document> docs = read(corpus);
        long t0 = System.nanoTime();
        System.out.println(CollapseCalibration.header());
        CollapseCalibration.Result r = CollapseCalibration.run(docs, new AnchorSplit(AnchorSplit.DEFAULT_SHARE, salt),
                CollapseConfig.defaults(), CollapseThresholds.defaults(), embed ? new MiniLmEmbedder() : null,
                generations, seeds, System.out);
        System.out.printf("anchor: %d documents, %d tokens; real input %d tokens; control false alarms %d of %d; %.1fs%n",
                r.anchor().documents(), r.anchor().tokens(), r.realTokens(), r.falseAlarms(), r.controls(),
                (System.nanoTime() - t0) / 1e9);
    }

    static List<Document> read(Path file) throws IOException {
        List<Document> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(line);
                if (node == null || !node.hasNonNull("id") || !node.path("text").isTextual()) {
                    throw new IllegalArgumentException(file + " line " + n + ": needs string fields 'id' and 'text'");
                }
                out.add(new Document(node.get("id").asText(), node.get("text").asText(), "corpus", Map.of()));
            }
        }
        return out;
    }
}
