package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.IMPORT_SPOOL_CHUNK;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jooq.DSLContext;

/**
 * A copy of a background import's file in the database, in chunks of {@link #CHUNK} bytes, so that
 * whichever node takes the job over (its own node stopped or died) can carry on with it.
 */
public final class JooqImportSpools {
    static final int CHUNK = 1 << 20;
    /** The empty chunk written last: a copy without it was cut short (its node died while copying) and is never used. */
    private static final int SEAL = -1;
    private final DSLContext dsl;

    public JooqImportSpools(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Copies the file in, one chunk a statement (each well under the server's max_allowed_packet). */
    public void keep(long jobId, Path file) throws IOException {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            int seq = 0;
            for (int read; (read = in.readNBytes(buffer, 0, CHUNK)) > 0; seq++) {
                dsl.insertInto(IMPORT_SPOOL_CHUNK, IMPORT_SPOOL_CHUNK.JOB_ID, IMPORT_SPOOL_CHUNK.SEQ, IMPORT_SPOOL_CHUNK.CONTENT)
                        .values(jobId, seq, Arrays.copyOf(buffer, read)).onDuplicateKeyIgnore().execute();
            }
        }
        dsl.insertInto(IMPORT_SPOOL_CHUNK, IMPORT_SPOOL_CHUNK.JOB_ID, IMPORT_SPOOL_CHUNK.SEQ, IMPORT_SPOOL_CHUNK.CONTENT)
                .values(jobId, SEAL, new byte[0]).onDuplicateKeyIgnore().execute();
    }

    /** Writes the kept copy to {@code to}; false when there is no whole copy (a small import run while its request waited, or a copy cut short). */
    public boolean restore(long jobId, Path to) throws IOException {
        if (!dsl.fetchExists(IMPORT_SPOOL_CHUNK, IMPORT_SPOOL_CHUNK.JOB_ID.eq(jobId).and(IMPORT_SPOOL_CHUNK.SEQ.eq(SEAL)))) {
            return false;
        }
        int chunks = dsl.fetchCount(IMPORT_SPOOL_CHUNK, IMPORT_SPOOL_CHUNK.JOB_ID.eq(jobId).and(IMPORT_SPOOL_CHUNK.SEQ.ge(0)));
        try (OutputStream out = Files.newOutputStream(to)) {
            for (int seq = 0; seq < chunks; seq++) {
                byte[] chunk = dsl.select(IMPORT_SPOOL_CHUNK.CONTENT).from(IMPORT_SPOOL_CHUNK)
                        .where(IMPORT_SPOOL_CHUNK.JOB_ID.eq(jobId).and(IMPORT_SPOOL_CHUNK.SEQ.eq(seq))).fetchOne(IMPORT_SPOOL_CHUNK.CONTENT);
                if (chunk == null) {
                    throw new IOException("chunk " + seq + " of import " + jobId + " is missing");
                }
                out.write(chunk);
            }
        }
        return true;
    }

    public void drop(long jobId) {
        dsl.deleteFrom(IMPORT_SPOOL_CHUNK).where(IMPORT_SPOOL_CHUNK.JOB_ID.eq(jobId)).execute();
    }
}
