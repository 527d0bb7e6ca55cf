package dev.leadline.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CheckedPluginRepositoryTest {
    @TempDir
    Path root;

    @Test
    void aPluginsDirectoryHoldingOtherThingsLoadsItsPluginsAndNamesTheRestInOneWarning() throws Exception {
        Files.createDirectories(root.resolve("src/main/java"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("disabled.txt"), "score-rules\n");
        Files.createDirectories(root.resolve("target/classes"));
        Path plugin = Files.createDirectories(root.resolve("hello-plugin"));
        Files.writeString(plugin.resolve("plugin.properties"), "plugin.id=hello\nplugin.version=1.0.0\n");
        Logger logger = (Logger) LoggerFactory.getLogger(CheckedPluginRepository.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            List<Path> found = new CheckedPluginRepository(List.of(root), new PluginLimits(1 << 20, 1 << 20, 100)).getPluginPaths();

            assertThat(found).containsExactly(plugin);
            assertThat(events.list).hasSize(1);
            assertThat(events.list.get(0).getLevel()).isEqualTo(Level.WARN);
            assertThat(events.list.get(0).getFormattedMessage()).contains("pom.xml", "src", "target").doesNotContain("hello-plugin")
                    .as("pf4j's own record of disabled plugins is no stranger").doesNotContain("disabled.txt");
        } finally {
            logger.detachAppender(events);
        }
    }
}
