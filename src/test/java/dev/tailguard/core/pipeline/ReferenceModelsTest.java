package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceModelsTest {

    @TempDir
    Path dir;

    /** Ids whose hash lands in the given fold, each document with a word only it contains. */
    private static List<Document> docs(int fold, int n) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            String id = "doc-" + i;
            if (ReferenceModels.fold(id) == fold) {
                out.add(new Document(id, "The ship sailed on. Only this one says uniq" + i + "word here.", "t", Map.of()));
            }
        }
        return out;
    }

    private List<String> write(LocalObjectStore store, List<Document> docs) {
        ShardWriter w = new ShardWriter(store, "in/", "part", false, 100);
        docs.forEach(d -> w.write(Documents.toMap(d)));
        w.close();
        return w.keys();
    }

    @Test
    void eachDocumentIsScoredByTheFoldModelThatDidNotSeeIt() {
        LocalObjectStore store = new LocalObjectStore(dir);
        List<Document> zero = docs(0, 3);
        List<Document> one = docs(1, 3);
        List<Document> all = new ArrayList<>(zero);
        all.addAll(one);
        ReferenceModels ref = ReferenceModels.train(store, write(store, all), 3);

        assertThat(ref.crossFitted()).isTrue();
        for (Document d : all) {
            String own = d.text().replaceAll(".*says (\\S+) here.*", "$1");
            assertThat(ref.forInput(d).contains(own)).as(d.id() + " must be out-of-sample").isFalse();
            assertThat(ref.forInput(d).contains("ship")).isTrue();
        }
        Document seed = zero.get(0);
        Document synthetic = new Document("syn-x", "whatever text", "g", Map.of(Provenance.SEED_IDS, List.of(seed.id())));
        assertThat(ref.forCandidate(synthetic)).isSameAs(ref.forInput(seed));
    }

    @Test
    void anInputDocumentWithSeedsFromAnEarlierRunIsCrossFittedByItsOwnId() {
        LocalObjectStore store = new LocalObjectStore(dir);
        List<Document> zero = docs(0, 3);
        List<Document> one = docs(1, 3);
        List<Document> all = new ArrayList<>(zero);
        // earlier-generation synthetic documents in fold 1 whose seeds lie in fold 0: the seed's fold would be the
        // model that trained on them
        for (Document d : one) {
            all.add(new Document(d.id(), d.text(), "g", Map.of(Provenance.SEED_IDS, List.of(zero.get(0).id()),
                    Provenance.GENERATION, 1)));
        }
        ReferenceModels ref = ReferenceModels.train(store, write(store, all), 3);
        for (Document d : all) {
            String own = d.text().replaceAll(".*says (\\S+) here.*", "$1");
            assertThat(ref.forInput(d).contains(own)).as(d.id() + " must be out-of-sample").isFalse();
        }
        Document withSeed = all.get(all.size() - 1);
        String own = withSeed.text().replaceAll(".*says (\\S+) here.*", "$1");
        assertThat(ref.forCandidate(withSeed).contains(own)).as("the seed's fold trained on it").isTrue();
    }

    @Test
    void aCorpusInOneFoldFallsBackToOneInSampleModel() {
        LocalObjectStore store = new LocalObjectStore(dir);
        ReferenceModels ref = ReferenceModels.train(store, write(store, docs(1, 2)), 2);
        assertThat(ref.crossFitted()).isFalse();
        assertThat(ref.forInput(docs(1, 1).get(0)).contains("ship")).isTrue();
    }
}
