package dev.tailguard.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the full suite's surefire fork used to exit with code 1 after every test had passed: the Kafka test kit's
 * shutdown hook deletes the broker's log folder, and a live broker whose metadata log folder vanishes calls
 * {@code Exit.halt(1)}. At JVM exit that hook ran concurrently with the one closing {@link KafkaBroker}'s broker.
 * Here the deletion hook is run under a live broker on purpose (with a recording halt procedure instead of the real
 * one); {@link KafkaBroker} now runs it only after the broker is closed and never lets Kafka end the JVM.
 */
class KafkaBrokerExitTest {

    @Test
    @Timeout(120)
    void deletingTheLogFolderUnderALiveBrokerHaltsTheJvm() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        List<Runnable> deletions = new CopyOnWriteArrayList<>();
        Exit.setHaltProcedure((code, message) -> halted.complete(code));
        Exit.setExitProcedure((code, message) -> halted.complete(code));
        Exit.setShutdownHookAdder((name, hook) -> deletions.add(hook));
        KafkaClusterTestKit c;
        try {
            c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        } finally {
            Exit.resetShutdownHookAdder();
        }
        try {
            c.format();
            c.startup();
            c.waitForReadyBrokers();
            assertThat(deletions).as("the test kit deletes its folder in a shutdown hook").isNotEmpty();
            deletions.forEach(Runnable::run); // what the JVM's shutdown did while the broker was still up
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                admin.createTopics(List.of(new NewTopic("after-deletion", 1, (short) 1)));
                assertThat(halted.get(90, TimeUnit.SECONDS)).as("Kafka's halt code").isEqualTo(1);
            }
        } finally {
            try {
                c.close();
            } catch (Exception ignored) {
                // the broker lost its folder: closing may fail
            }
            // never the default procedures again in this JVM (KafkaBroker may still be running)
            Exit.setHaltProcedure((code, message) -> System.err.println("Kafka halt " + code + " ignored: " + message));
            Exit.setExitProcedure((code, message) -> System.err.println("Kafka exit " + code + " ignored: " + message));
        }
    }
}
