package dev.leadline.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.notify.Card;
import java.io.IOException;
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
 * Chat platforms plug into the server; core names none of them. Checked on the compiled classes, whose
 * constant pools hold every name and string the code uses (comments are not compiled in).
 */
class NoPlatformNamesTest {
    /** A platform's name as a word of its own ("TeamService" is not "Teams"; "TeamsNotifier" is). */
    private static final Pattern PLATFORM = Pattern.compile(
            "(Slack|slack|SLACK|Teams|teams|TEAMS|Mattermost|mattermost|MATTERMOST|BotFramework|Bot Framework|Block Kit|Adaptive Card)(?![a-z])");

    @Test
    void noCoreClassNamesAChatPlatform() throws IOException, URISyntaxException {
        Path classes = Path.of(Card.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> compiled = files.filter(f -> f.toString().endsWith(".class")).toList();
            assertThat(compiled).as("core's classes in %s", classes).hasSizeGreaterThan(100);
            for (Path file : compiled) {
                Matcher named = PLATFORM.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                assertThat(named.find()).as("%s names %s", classes.relativize(file), named.find(0) ? named.group() : "").isFalse();
            }
        }
    }
}
