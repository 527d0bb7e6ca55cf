package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.PLUGIN_ARCHIVE;
import static dev.leadline.db.jooq.Tables.PLUGIN_SWITCH;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The plugins every node shares: archives added through the API (their bytes and checksum) and each
 * plugin's on/off switch. Nodes copy what they lack from here; nothing here is ever executed by the database.
 */
public final class JooqPluginShelf {
    /** An archive as the shelf lists it, without its bytes. */
    public record Archive(String fileName, String pluginId, String sha256) {}

    private final DSLContext dsl;

    public JooqPluginShelf(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Keeps an archive for every node; a name already kept is left as it is. */
    public void add(Archive archive, byte[] content, Instant at) {
        dsl.insertInto(PLUGIN_ARCHIVE, PLUGIN_ARCHIVE.FILE_NAME, PLUGIN_ARCHIVE.PLUGIN_ID, PLUGIN_ARCHIVE.SHA256, PLUGIN_ARCHIVE.CONTENT,
                        PLUGIN_ARCHIVE.ADDED_AT)
                .values(archive.fileName(), archive.pluginId(), archive.sha256(), content, Times.toDb(at))
                .onDuplicateKeyIgnore().execute();
    }

    public List<Archive> archives() {
        return dsl.select(PLUGIN_ARCHIVE.FILE_NAME, PLUGIN_ARCHIVE.PLUGIN_ID, PLUGIN_ARCHIVE.SHA256).from(PLUGIN_ARCHIVE)
                .orderBy(PLUGIN_ARCHIVE.ADDED_AT, PLUGIN_ARCHIVE.FILE_NAME)
                .fetch(r -> new Archive(r.value1(), r.value2(), r.value3()));
    }

    public Optional<byte[]> content(String fileName) {
        return dsl.select(PLUGIN_ARCHIVE.CONTENT).from(PLUGIN_ARCHIVE).where(PLUGIN_ARCHIVE.FILE_NAME.eq(fileName)).fetchOptional(PLUGIN_ARCHIVE.CONTENT);
    }

    /** Turns a plugin on or off for every node. */
    public void switchTo(String pluginId, boolean enabled, Instant at) {
        dsl.insertInto(PLUGIN_SWITCH, PLUGIN_SWITCH.PLUGIN_ID, PLUGIN_SWITCH.ENABLED, PLUGIN_SWITCH.CHANGED_AT)
                .values(pluginId, enabled, Times.toDb(at))
                .onDuplicateKeyUpdate().set(PLUGIN_SWITCH.ENABLED, enabled).set(PLUGIN_SWITCH.CHANGED_AT, Times.toDb(at))
                .execute();
    }

    /** Each switched plugin: on or off. Plugins never switched are as their node loaded them. */
    public Map<String, Boolean> switches() {
        return dsl.select(PLUGIN_SWITCH.PLUGIN_ID, PLUGIN_SWITCH.ENABLED).from(PLUGIN_SWITCH)
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> Boolean.TRUE.equals(r.value2())));
    }
}
