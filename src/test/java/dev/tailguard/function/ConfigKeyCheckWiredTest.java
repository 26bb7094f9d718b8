package dev.tailguard.function;


import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.spi.ObserverMethod;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup check is a live observer, and the application's own (test-profile) keys all pass it. */
@QuarkusTest
class ConfigKeyCheckWiredTest {

    @Test
    void observerIsRegisteredForStartup() {
        Set<ObserverMethod<? super StartupEvent>> observers = Arc.container().beanManager()
                .resolveObserverMethods(new StartupEvent());
        assertThat(observers).anyMatch(o -> o.getBeanClass() == ConfigKeyCheck.class);
    }

    @Test
    void liveConfigOfTheTestProfileHasNoUnknownKey() {
        List<ConfigKeyCheck.ConfiguredKey> keys = ConfigKeyCheck.live(ConfigProvider.getConfig(), System.getenv());
        assertThat(keys).extracting(ConfigKeyCheck.ConfiguredKey::name)
                .contains("tailguard.store.root", "tailguard.gates.score.pii-rate.max");
        assertThat(ConfigKeyCheck.unknown(keys, KnownConfigKeys.ofApplication())).isEmpty();
    }
}
