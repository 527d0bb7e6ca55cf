package dev.leadline.server.files;

import dev.leadline.core.files.FileRules;
import dev.leadline.core.files.FileStore;
import dev.leadline.server.config.FileSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where this server keeps files on leads, how it receives them, and its limits, from {@link FileSettings}. */
public record FileSetup(FileStore store, FileSpool spool, FileRules rules) {
    private static final Logger log = LoggerFactory.getLogger(FileSetup.class);

    /** The S3-compatible bucket when one is set, else {@code <data dir>/files}; uploads are spooled under {@code <data dir>/tmp/files}. */
    public static FileSetup open(FileSettings settings, Path dataDir) {
        try {
            FileSpool spool = new FileSpool(dataDir.resolve("tmp").resolve("files"), settings.rules().maxFileBytes());
            FileStore store;
            if (settings.s3().isPresent()) {
                S3FileStore s3 = new S3FileStore(settings.s3().get());
                try {
                    s3.check();
                } catch (IOException e) {
                    log.warn("Files: {}; uploads will fail until it can be reached", e.getMessage());
                }
                store = s3;
            } else {
                store = new DirectoryFileStore(dataDir.resolve("files"));
            }
            log.info("Files on leads are kept in {}", store.describe());
            return new FileSetup(store, spool, settings.rules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the file directories under " + dataDir, e);
        }
    }
}
