package dev.tailguard.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code tailguard.events=kafka} and {@code tailguard.tasks.transport=kafka} on the in-process KRaft broker: two
 * task consumers in the app, a 4-partition task topic, small tasks (40 records).
 */
public class KafkaTasksProfile implements QuarkusTestProfile {

    /** The store root of this profile. */
    public static final String STORE = "target/wire-kafka-tasks-store";
    /** The task topic of this profile. */
    public static final String TOPIC = "tailguard.tasks.wire-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tailguard.events", "kafka",
                "tailguard.tasks.transport", "kafka",
                "tailguard.tasks.kafka.topic", TOPIC,
                "tailguard.tasks.kafka.consumers", "2",
                "tailguard.tasks.kafka.retry-backoff", "PT0.2S",
                "tailguard.tasks.max-records", "40",
                "tailguard.store.root", STORE,
                "tailguard.kafka.retry-backoff", "PT0.2S",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TasksTopic.class));
    }

    /**
     * A KRaft broker of its own (as {@link KafkaBroker} builds it) with the pipeline topics, the task topic
     * (4 partitions) and its dead-letter topic, closed when the application stops: a broker left to a JVM shutdown
     * hook after its application's class loader was closed made the surefire fork exit non-zero.
     */
    public static class TasksTopic implements QuarkusTestResourceLifecycleManager {
        private KafkaClusterTestKit cluster;

        @Override
        public Map<String, String> start() {
            try {
                cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                String bootstrap = cluster.bootstrapServers();
                Properties p = new Properties();
                p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                try (Admin admin = Admin.create(p)) {
                    List<NewTopic> topics = new ArrayList<>();
                    for (String type : KafkaBackbone.TYPES) {
                        topics.add(new NewTopic(KafkaBackbone.topic(type), 2, (short) 1));
                    }
                    topics.add(new NewTopic(KafkaBackbone.DEAD_LETTER_TOPIC, 1, (short) 1));
                    topics.add(new NewTopic(TOPIC, 4, (short) 1));
                    topics.add(new NewTopic("tailguard.tasks.dead-letter", 1, (short) 1));
                    admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
                }
                return Map.of("kafka.bootstrap.servers", bootstrap);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the task test broker: " + e.getMessage(), e);
            }
        }

        @Override
        public void stop() {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot stop the task test broker: " + e.getMessage(), e);
                }
            }
        }
    }
}
