package dev.leadline.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leadline.db.JooqConfigApplied;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a section of {@code leadline.yml} (the team, forms, SLAs, routing rules) only when the file
 * says something other than it said when that section was last applied. A start with an unchanged file
 * keeps what was changed since in the console or the API; a changed section wins, as a deploy of the
 * file means it.
 */
public final class ConfigSections {
    private static final Logger log = LoggerFactory.getLogger(ConfigSections.class);
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    private final JooqConfigApplied applied;
    private final Clock clock;
    private final boolean starting;

    /** @param starting a server start applies changed sections; a command line tool only sections never applied */
    public ConfigSections(JooqConfigApplied applied, Clock clock, boolean starting) {
        this.applied = applied;
        this.clock = clock;
        this.starting = starting;
    }

    /** Runs {@code apply} when {@code content} differs from what the section held when last applied; true when it ran. */
    public boolean apply(String section, Object content, Runnable apply) {
        String digest = digest(content);
        java.util.Optional<String> last = applied.digest(section);
        if (last.filter(digest::equals).isPresent()) {
            log.info("{} in the configuration file is as it was last applied: kept as it is now (changes made since stay)", section);
            return false;
        }
        if (last.isPresent() && !starting) {
            log.info("{} in the configuration file changed since it was last applied: the server applies it at its next start", section);
            return false;
        }
        apply.run();
        applied.applied(section, digest, clock.instant());
        return true;
    }

    static String digest(Object content) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(content);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the configuration section", e);
        }
    }
}
