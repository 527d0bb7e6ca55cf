package dev.leadline.server.plugins;

import dev.leadline.core.common.ValidationException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a plugin archive, {@code <id>[-<version>].zip} or {@code .jar}: one name inside
 * the plugins directory, never a path, never dots alone (pf4j unpacks a zip into a folder named
 * after its stem, and deletes that folder first).
 *
 * @param version empty when the name carries none, as in {@code notes.zip}
 */
record ArchiveName(String id, Optional<String> version, String extension) {
    static final int MAX_LENGTH = 100;
    private static final Pattern NAME = Pattern.compile("(?<stem>[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*)\\.(?<ext>zip|jar)");
    private static final Pattern VERSIONED = Pattern.compile("(?<id>.+?)-(?<version>[0-9][A-Za-z0-9._-]*)");

    /** Reads a name as sent by a client; a name that is not one is refused, naming the field {@code name}. */
    static ArchiveName parse(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw invalid("name the archive, e.g. ?name=my-plugin-1.0.0.zip");
        }
        if (fileName.length() > MAX_LENGTH) {
            throw invalid("an archive name has at most " + MAX_LENGTH + " characters, this one has " + fileName.length());
        }
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            throw invalid("name the archive like my-plugin-1.0.0.zip: letters, digits, _ and -, dots only between them, no folders;"
                    + " .zip or .jar");
        }
        Matcher versioned = VERSIONED.matcher(name.group("stem"));
        return versioned.matches()
                ? new ArchiveName(versioned.group("id"), Optional.of(versioned.group("version")), name.group("ext"))
                : new ArchiveName(name.group("stem"), Optional.empty(), name.group("ext"));
    }

    /** The folder pf4j unpacks a zip into. */
    String stem() {
        return id + version.map(v -> "-" + v).orElse("");
    }

    String fileName() {
        return stem() + "." + extension;
    }

    private static ValidationException invalid(String message) {
        return new ValidationException("name", message);
    }
}
