package dev.leadline.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where file contents live, by key (e.g. {@code lead/42/<sha256>}): a directory, or an S3-compatible
 * bucket for several nodes. Contents are streamed, never held whole in memory.
 */
public interface FileStore {
    /**
     * Stores the content of a local file under the key (replacing what was there: the same key is the same
     * content). The store takes the file: it may move it into place rather than copy it.
     */
    void put(String key, Path content, long size, String contentType) throws IOException;

    /** The content under the key; the caller closes it. */
    InputStream open(String key) throws IOException;

    /** Removes the content under the key; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** Where it keeps files, for the logs (e.g. {@code s3://leadline-files}); never a secret. */
    String describe();
}
