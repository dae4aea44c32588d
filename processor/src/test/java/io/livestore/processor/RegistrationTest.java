package io.livestore.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** How build tools find the processor: the service file for javac, the Gradle incremental kind. */
class RegistrationTest {

    @Test
    void serviceLoader_findsTheProcessor() {
        assertTrue(ServiceLoader.load(Processor.class).stream()
                .anyMatch(p -> p.type() == LiveStoreProcessor.class));
    }

    @Test
    void gradle_registersAnAggregatingProcessor() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
            assertNotNull(in);
            assertEquals("io.livestore.processor.LiveStoreProcessor,aggregating",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
