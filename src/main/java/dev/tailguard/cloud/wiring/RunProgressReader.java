package dev.tailguard.cloud.wiring;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.tailguard.cloud.crd.RunLauncher.RunProgress;
import dev.tailguard.cloud.crd.SyntheticDataRunStatus;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.progress.RunStatusReader;
import dev.tailguard.core.progress.StageProgress;
import dev.tailguard.core.store.ObjectStore;

/**
 * Reads a run's progress from {@code runs/<runId>/} in the object store: {@code report/report.json} decides
 * Succeeded/Failed; before it, the stage manifests that exist give the phase message and the counts so far.
 * Counts: input = valid real documents, synthetic = generated, kept = real + synthetic passing scoring,
 * quarantined = malformed + real and synthetic quarantined, blended = blended set size.
 */
public final class RunProgressReader {

    private static final List<String[]> STAGES = List.of(
            new String[] {"blended", "blended, report pending"},
            new String[] {"scores", "scored, blend pending"},
            new String[] {"synthetic", "generated, scoring pending"});

    private final ObjectStore store;

    public RunProgressReader(ObjectStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /**
     * Progress of the run with its per-stage progress ({@link RunStatusReader}), empty when nothing has been written
     * under {@code runs/<runId>/} yet.
     */
    public Optional<RunProgress> read(String runId) throws IOException {
        Optional<RunProgress> p = readCounts(runId);
        if (p.isEmpty()) {
            return p;
        }
        List<SyntheticDataRunStatus.StageProgress> stages = new RunStatusReader(store).read(runId)
                .map(s -> s.withLive(LiveDocuments.process()).stages().stream().map(RunProgressReader::crd).toList()).orElse(null);
        RunProgress r = p.get();
        return Optional.of(new RunProgress(r.phase(), r.counts(), r.syntheticRatio(), r.collapseRisk(),
                r.reportLocation(), r.message(), stages));
    }

    private static SyntheticDataRunStatus.StageProgress crd(StageProgress s) {
        return new SyntheticDataRunStatus.StageProgress(s.stage(), s.state(), s.tasksDone(), s.tasksTotal(),
                s.documentsDone(), s.totalKnown() ? s.documentsTotal() : null, s.phase());
    }

    private Optional<RunProgress> readCounts(String runId) throws IOException {
        RunLayout layout = new RunLayout(runId);
        if (store.exists(layout.reportJson())) {
            return Optional.of(fromReport(layout, Manifest.read(store, layout.reportJson())));
        }
        Map<String, Object> gen = manifest(layout, "synthetic");
        Map<String, Object> score = manifest(layout, "scores");
        Map<String, Object> blend = manifest(layout, "blended");
        for (String[] s : STAGES) {
            if (store.exists(layout.manifest(s[0]))) {
                return Optional.of(new RunProgress(SyntheticDataRunStatus.RUNNING, counts(gen, score, blend), null,
                        null, null, s[1]));
            }
        }
        if (store.list("runs/" + runId + "/").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunProgress(SyntheticDataRunStatus.RUNNING, null, null, null, null, "generating"));
    }

    private Map<String, Object> manifest(RunLayout layout, String area) throws IOException {
        String key = layout.manifest(area);
        return store.exists(key) ? Manifest.read(store, key) : null;
    }

    private RunProgress fromReport(RunLayout layout, Map<String, Object> report) throws IOException {
        String location = store.describe(layout.reportJson());
        Map<String, Object> c = Manifest.map(report, "counts");
        if ("succeeded".equals(report.get("status"))) {
            SyntheticDataRunStatus.Counts counts = new SyntheticDataRunStatus.Counts(num(c, "real"),
                    num(c, "synthetic_generated"), kept(layout),
                    sum(num(c, "malformed"), num(c, "real_quarantined"), num(c, "synthetic_quarantined")),
                    num(c, "blended"));
            Object ratio = report.get("synthetic_ratio");
            Object risk = report.get("collapse_risk");
            return new RunProgress(SyntheticDataRunStatus.SUCCEEDED, counts,
                    ratio instanceof Number n ? n.doubleValue() : null, riskLevel(risk),
                    location, "report written");
        }
        String message = "stage " + report.getOrDefault("failed_stage", "?") + " failed: "
                + report.getOrDefault("reason", "no reason recorded");
        SyntheticDataRunStatus.Counts counts = c.isEmpty() ? null : new SyntheticDataRunStatus.Counts(num(c, "real"),
                num(c, "synthetic_generated"), null, num(c, "malformed"), null);
        return new RunProgress(SyntheticDataRunStatus.FAILED, counts, null, null, location, message);
    }

    /**
     * The printable collapse risk of {@code report.json} {@code collapse_risk}: its {@code level} ({@code low},
     * {@code medium}, {@code high}) when it is the verdict object, the value itself when a plain string, else null.
     */
    static String riskLevel(Object risk) {
        if (risk instanceof Map<?, ?> m) {
            Object level = m.get("level");
            return level == null ? null : level.toString();
        }
        return risk instanceof String s ? s : null;
    }

    private Long kept(RunLayout layout) throws IOException {
        Map<String, Object> score = manifest(layout, "scores");
        if (score != null) {
            return Manifest.count(score, "real_passed") + Manifest.count(score, "synthetic_passed");
        }
        return null;
    }

    private static SyntheticDataRunStatus.Counts counts(Map<String, Object> gen, Map<String, Object> score,
                                                        Map<String, Object> blend) {
        Long input = gen == null ? null : Manifest.count(gen, "real");
        Long synthetic = gen == null ? null : Manifest.count(gen, "synthetic_generated");
        Long kept = score == null ? null : Manifest.count(score, "real_passed") + Manifest.count(score, "synthetic_passed");
        Long quarantined = gen == null ? null : Manifest.count(gen, "malformed") + Manifest.count(gen, "synthetic_quarantined")
                + (score == null ? 0 : Manifest.count(score, "real_quarantined") + Manifest.count(score, "synthetic_quarantined"));
        Long blended = blend == null ? null : Manifest.count(blend, "blended");
        return new SyntheticDataRunStatus.Counts(input, synthetic, kept, quarantined, blended);
    }

    private static Long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : null;
    }

    private static Long sum(Long... xs) {
        long s = 0;
        for (Long x : xs) {
            if (x == null) {
                return null;
            }
            s += x;
        }
        return s;
    }
}
