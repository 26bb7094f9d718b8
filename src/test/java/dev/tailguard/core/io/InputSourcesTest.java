package dev.tailguard.core.io;

import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.StoreKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputSourcesTest {

    private static String line(String id) {
        return "{\"id\":\"" + id + "\",\"text\":\"text of " + id + "\"}\n";
    }

    private static List<String> ids(List<InputSources.Source> sources) throws IOException {
        List<String> ids = new ArrayList<>();
        for (InputSources.Source s : sources) {
            try (JsonlReader r = new JsonlReader(s.open(), s.name(), ReadOptions.defaults())) {
                r.forEachRemaining(l -> ids.add(l.document().id()));
            }
        }
        return ids;
    }

    @Test
    void aFolderReadsItsJsonlFilesInSortedOrder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(dir.resolve("b.jsonl"), line("b1"));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("a.jsonl.gz")))) {
            o.write(line("a1").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("c.jsonl"), line("c1") + line("c2"));
        Files.writeString(dir.resolve("README.md"), "not input");
        LocalObjectStore store = new LocalObjectStore(tmp.resolve("store"));
        List<InputSources.Source> s = InputSources.resolve(dir.toString(), store, AllowedRoots.of(List.of(dir)), "r1");
        assertThat(s).extracting(InputSources.Source::name).containsExactly(dir.resolve("a.jsonl.gz").toString(),
                dir.resolve("b.jsonl").toString(), dir.resolve("c.jsonl").toString());
        assertThat(ids(s)).containsExactly("a1", "b1", "c1", "c2");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> InputSources.resolve(empty.toString(), store, AllowedRoots.of(List.of(empty)), "r1"))
                .isInstanceOf(IOException.class).hasMessageContaining(empty.toString()).hasMessageContaining("*.jsonl");
    }

    @Test
    void localPathsOutsideTheAllowedRootsAreRefused(@TempDir Path tmp) throws Exception {
        LocalObjectStore store = new LocalObjectStore(tmp.resolve("store"));
        Path allowed = Files.createDirectories(tmp.resolve("allowed"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.jsonl"), line("s"));
        Files.writeString(allowed.resolve("ok.jsonl"), line("ok"));
        Files.createSymbolicLink(allowed.resolve("link.jsonl"), outside.resolve("secret.jsonl"));

        assertThatThrownBy(() -> InputSources.resolve("/etc/passwd", store, AllowedRoots.none(), "r1"))
                .isInstanceOfSatisfying(StoreKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreKeyException.Reason.NOT_ALLOWED));
        AllowedRoots roots = AllowedRoots.parse(allowed.toString());
        assertThat(ids(InputSources.resolve(allowed.resolve("ok.jsonl").toString(), store, roots, "r1")))
                .containsExactly("ok");
        assertThatThrownBy(() -> InputSources.resolve(outside.resolve("secret.jsonl").toString(), store, roots, "r1"))
                .isInstanceOf(StoreKeyException.class);
        assertThatThrownBy(() -> InputSources.resolve(allowed.resolve("link.jsonl").toString(), store, roots, "r1"))
                .isInstanceOf(StoreKeyException.class).hasMessageContaining("allowed root");
        assertThatThrownBy(() -> InputSources.resolve("file:" + allowed.resolve("../outside/secret.jsonl"), store,
                roots, "r1")).isInstanceOf(StoreKeyException.class);
        assertThatThrownBy(() -> InputSources.resolve(allowed.resolve("missing.jsonl").toString(), store, roots, "r1"))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> AllowedRoots.parse("relative/dir")).hasMessageContaining(AllowedRoots.KEY);
    }

    @Test
    void storeInputsStayInsideTheirRun(@TempDir Path tmp) throws Exception {
        LocalObjectStore store = new LocalObjectStore(tmp.resolve("store"));
        store.put("incoming/x.jsonl", line("x").getBytes(StandardCharsets.UTF_8));
        store.put("incoming/batch/2.jsonl", line("b2").getBytes(StandardCharsets.UTF_8));
        store.put("incoming/batch/1.jsonl", line("b1").getBytes(StandardCharsets.UTF_8));
        store.put("runs/r2/input/part-00000.jsonl", line("other").getBytes(StandardCharsets.UTF_8));
        store.put("runs/r1/input/part-00000.jsonl", line("own").getBytes(StandardCharsets.UTF_8));

        assertThat(ids(InputSources.resolve("store:incoming/x.jsonl", store, AllowedRoots.none(), "r1"))).containsExactly("x");
        assertThat(ids(InputSources.resolve("incoming/x.jsonl", store, AllowedRoots.none(), "r1"))).containsExactly("x");
        assertThat(ids(InputSources.resolve("store:incoming/batch/", store, AllowedRoots.none(), "r1")))
                .containsExactly("b1", "b2");
        assertThat(ids(InputSources.resolve("store:incoming/batch", store, AllowedRoots.none(), "r1")))
                .containsExactly("b1", "b2");
        assertThat(ids(InputSources.resolve("store:runs/r1/input/part-00000.jsonl", store, AllowedRoots.none(), "r1")))
                .containsExactly("own");
        store.put("runs/r2/blended/part-00000.jsonl", line("pub").getBytes(StandardCharsets.UTF_8));
        List<InputSources.Source> pub = InputSources.resolve("store:runs/r2/blended/", store, AllowedRoots.none(), "r1");
        assertThat(pub).singleElement().satisfies(p -> assertThat(p.tailguardOutput()).isTrue());
        assertThat(InputSources.resolve("store:incoming/x.jsonl", store, AllowedRoots.none(), "r1").get(0)
                .tailguardOutput()).isFalse();
        assertThatThrownBy(() -> InputSources.resolve("store:runs/r2/input/part-00000.jsonl", store,
                AllowedRoots.none(), "r1")).isInstanceOfSatisfying(StoreKeyException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreKeyException.Reason.OTHER_RUN));
        assertThatThrownBy(() -> InputSources.resolve("store:runs/r1/../r2/input/part-00000.jsonl", store,
                AllowedRoots.none(), "r1")).isInstanceOfSatisfying(StoreKeyException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreKeyException.Reason.DOT_SEGMENT));
        assertThatThrownBy(() -> InputSources.resolve("incoming/../../x.jsonl", store, AllowedRoots.none(), "r1"))
                .isInstanceOf(StoreKeyException.class);
        assertThatThrownBy(() -> InputSources.resolve("store:incoming/none.jsonl", store, AllowedRoots.none(), "r1"))
                .isInstanceOf(NoSuchFileException.class);
        try (InputStream in = InputSources.resolve("store:incoming/x.jsonl", store, AllowedRoots.none(), "r1")
                .get(0).open()) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
    }
}
