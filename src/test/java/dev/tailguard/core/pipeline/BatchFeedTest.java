package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchFeedTest {

    private static Document doc(int i) {
        return new Document("d-" + i, "text " + i, "t", Map.of());
    }

    @Test
    void everyDocumentReachesTheConsumerInOrderOnItsOwnThread() {
        List<String> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        BatchFeed<Document> feed = BatchFeed.documents("feed-test", 2, d -> {
            seen.add(d.id());
            threads.add(Thread.currentThread().getName());
        });
        int closed = 0;
        for (int i = 0; i < 3 * BatchFeed.BATCH_DOCS + 7; i++) {
            closed += feed.add(doc(i)) ? 1 : 0;
        }
        feed.drain();
        assertThat(closed).isEqualTo(3);
        assertThat(seen).hasSize(3 * BatchFeed.BATCH_DOCS + 7).startsWith("d-0", "d-1").endsWith("d-774");
        assertThat(threads).containsOnly("feed-test");
    }

    @Test
    void theConsumersFailureReachesTheCaller() {
        BatchFeed<Document> feed = BatchFeed.documents("feed-fail", 1, d -> {
            throw new IllegalStateException("bad " + d.id());
        });
        feed.add(doc(1));
        assertThatThrownBy(feed::drain).isInstanceOf(IllegalStateException.class).hasMessage("bad d-1");
    }
}
