package dev.tailguard.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code tailguard.tasks.transport=sink}: the stage functions post task events to {@code tailguard.tasks.sink}, a
 * loopback port the test binds its broker stand-in to; small tasks (40 records) so every stage has several.
 */
public class SinkTasksProfile implements QuarkusTestProfile {

    /** The store root of this profile. */
    public static final String STORE = "target/wire-sink-store";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tailguard.tasks.transport", "sink",
                "tailguard.tasks.sink", "http://127.0.0.1:" + freePort() + "/",
                "tailguard.tasks.max-records", "40",
                "tailguard.store.root", STORE);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
