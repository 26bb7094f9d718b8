package dev.tailguard.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real in-process KRaft broker (one combined broker/controller node, {@code KafkaClusterTestKit}), started once per
 * JVM and closed at exit, with the pipeline topics (two partitions each) and the dead-letter topic created.
 *
 * <p>The JVM must exit with code 0 after the tests. The test kit registers its own shutdown hook that deletes the
 * broker's log folder; run concurrently with the hook that closes the broker, it deleted the folder under the live
 * broker, whose {@code ReplicaManager} then treats the metadata log folder as failed and calls
 * {@code Exit.halt(1)}: the surefire fork ended with code 1 after every test had passed ("Error occurred in starting
 * fork"). So the test kit's deletion hooks are collected and run after the broker is closed, and Kafka's
 * exit/halt procedures only report (a test broker never ends the test JVM).
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static KafkaClusterTestKit cluster;

    /** The running broker's bootstrap servers (starting it on first use). */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            Exit.setHaltProcedure((code, message) -> System.err.println(
                    "in-process Kafka broker asked to halt the JVM with " + code + " (ignored in tests): " + message));
            Exit.setExitProcedure((code, message) -> System.err.println(
                    "in-process Kafka broker asked to exit the JVM with " + code + " (ignored in tests): " + message));
            List<Runnable> deletions = new CopyOnWriteArrayList<>();
            Exit.setShutdownHookAdder((name, hook) -> deletions.add(hook));
            try {
                KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
                c.format();
                c.startup();
                c.waitForReadyBrokers();
                cluster = c;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // exiting
                    } finally {
                        deletions.forEach(Runnable::run); // the log folder only once the broker is down
                    }
                }, "kafka-test-broker-stop"));
                createTopics(c.bootstrapServers());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the in-process Kafka broker: " + e.getMessage(), e);
            } finally {
                Exit.resetShutdownHookAdder();
            }
        }
        return cluster.bootstrapServers();
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String type : KafkaBackbone.TYPES) {
                topics.add(new NewTopic(KafkaBackbone.topic(type), 2, (short) 1));
            }
            topics.add(new NewTopic(KafkaBackbone.DEAD_LETTER_TOPIC, 1, (short) 1));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // one broker per JVM: a restarted app must not get a dead broker's port
    }
}
