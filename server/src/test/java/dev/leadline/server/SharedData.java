package dev.leadline.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real public datasets in {@code ../shared/data} beside the repository. */
public final class SharedData {
    private SharedData() {}

    public static Path file(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("data").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/data/" + relative + " not found beside the repository");
    }
}
