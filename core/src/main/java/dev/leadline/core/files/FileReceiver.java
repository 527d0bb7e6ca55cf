package dev.leadline.core.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * Takes in a file's content as a stream (an upload, a file fetched from chat): spooled to disk while it
 * is counted and hashed, cut off past the size limit, its type sniffed from the content.
 */
public interface FileReceiver {
    Received receive(InputStream content, String name) throws IOException;

    /** A file taken in; closing it removes the spooled copy. */
    interface Received extends AutoCloseable {
        Upload upload();

        @Override
        void close() throws IOException;
    }
}
