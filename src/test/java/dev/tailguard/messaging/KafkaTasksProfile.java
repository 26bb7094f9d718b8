package dev.tailguard.messaging;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

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

    /** The broker of {@link KafkaBroker} with the task topic (4 partitions) and its dead-letter topic created. */
    public static class TasksTopic implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            String bootstrap = KafkaBroker.bootstrapServers();
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(p)) {
                for (NewTopic t : List.of(new NewTopic(TOPIC, 4, (short) 1),
                        new NewTopic("tailguard.tasks.dead-letter", 1, (short) 1))) {
                    try {
                        admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException(e.getCause());
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the task topic: " + e.getMessage(), e);
            }
            return Map.of("kafka.bootstrap.servers", bootstrap);
        }

        @Override
        public void stop() {
            // the broker lives for the JVM (KafkaBroker)
        }
    }
}
