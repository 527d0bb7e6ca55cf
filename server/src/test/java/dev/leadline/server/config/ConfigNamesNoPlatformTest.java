package dev.leadline.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Chat platforms read their own sections of the environment and bring their own routes: the config
 * package and the routes table name none of them, and the chat package does not reach back into config.
 * Checked on the compiled classes, whose constant pools hold every name and string the code uses.
 */
class ConfigNamesNoPlatformTest {
    /** A platform's name as a word of its own ("TeamService" is not "Teams"; "TeamsSettings" is). */
    private static final Pattern PLATFORM = Pattern.compile("(Slack|slack|SLACK|Teams|teams|TEAMS|Mattermost|mattermost|MATTERMOST)(?![a-z])");

    @Test
    void neitherTheConfigNorTheRoutesTableNamesAChatPlatform() throws URISyntaxException {
        Path classes = classes();
        List<Path> compiled = Stream.concat(compiled(classes.resolve("dev/leadline/server/config")),
                compiled(classes.resolve("dev/leadline/server/http")).filter(f -> f.getFileName().toString().startsWith("HttpApi"))).toList();
        assertThat(compiled).as("config's and HttpApi's classes").hasSizeGreaterThan(10);
        for (Path file : compiled) {
            Matcher named = PLATFORM.matcher(read(file));
            assertThat(named.find()).as("%s names %s", classes.relativize(file), named.find(0) ? named.group() : "").isFalse();
        }
    }

    @Test
    void theChatPackageDoesNotDependOnConfig() throws URISyntaxException {
        Path classes = classes();
        assertThat(compiled(classes.resolve("dev/leadline/server/chat")).toList()).isNotEmpty()
                .allSatisfy(file -> assertThat(read(file)).as("%s", classes.relativize(file)).doesNotContain("dev/leadline/server/config/"));
    }

    private static Path classes() throws URISyntaxException {
        return Path.of(Config.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Stream<Path> compiled(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
