package dev.leadline.server.console;

import dev.leadline.server.importing.ImportSpool;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Files uploaded on the Imports page, kept in the import spool between the preview and the import:
 * each under the random name the spool gave it (its id; never a name from the request), beside a small
 * note of who uploaded it, its name and its number of rows, and later the job that imports it. Only
 * the rep who uploaded a file finds it. The spool deletes a file once its import is done; notes and
 * files left over are deleted a day after the upload.
 */
final class ImportUploads {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration KEPT = Duration.ofDays(1);
    private static final String NOTE = ".upload";

    /** One upload: {@code job} is 0 until its import starts. */
    record Upload(String id, Path file, long rep, String fileName, long rows, long job) {
        boolean started() {
            return job > 0;
        }
    }

    private final ImportSpool spool;
    private final Clock clock;

    ImportUploads(ImportSpool spool, Clock clock) {
        this.spool = spool;
        this.clock = clock;
    }

    /** Keeps a spooled file for the rep; its id is the spool's name for it. */
    Upload keep(Path file, long rep, String fileName, long rows) {
        sweep();
        String name = file.getFileName().toString();
        Upload upload = new Upload(name.substring(0, name.length() - ".csv".length()), file, rep, fileName, rows, 0);
        write(upload);
        return upload;
    }

    /** The rep's own upload with this id; another rep's, an unknown or a malformed id is not found. */
    Optional<Upload> find(String id, long rep) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path note = spool.dir().resolve(id + NOTE);
        if (!Files.isRegularFile(note)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(note, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Long.parseLong(p.getProperty("rep")) != rep) {
            return Optional.empty();
        }
        return Optional.of(new Upload(id, spool.dir().resolve(id + ".csv"), rep, p.getProperty("fileName"),
                Long.parseLong(p.getProperty("rows")), Long.parseLong(p.getProperty("job", "0"))));
    }

    Upload started(Upload upload, long job) {
        Upload started = new Upload(upload.id(), upload.file(), upload.rep(), upload.fileName(), upload.rows(), job);
        write(started);
        return started;
    }

    private void write(Upload upload) {
        Properties p = new Properties();
        p.setProperty("rep", Long.toString(upload.rep()));
        p.setProperty("fileName", upload.fileName() == null ? "upload.csv" : upload.fileName());
        p.setProperty("rows", Long.toString(upload.rows()));
        p.setProperty("job", Long.toString(upload.job()));
        try (Writer out = Files.newBufferedWriter(spool.dir().resolve(upload.id() + NOTE), StandardCharsets.UTF_8)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the notes (and files not imported) of uploads older than a day. */
    private void sweep() {
        Instant before = clock.instant().minus(KEPT);
        try (DirectoryStream<Path> notes = Files.newDirectoryStream(spool.dir(), "*" + NOTE)) {
            for (Path note : notes) {
                if (Files.getLastModifiedTime(note).toInstant().isBefore(before)) {
                    String id = note.getFileName().toString().replace(NOTE, "");
                    Properties p = new Properties();
                    try (Reader in = Files.newBufferedReader(note, StandardCharsets.UTF_8)) {
                        p.load(in);
                    }
                    if ("0".equals(p.getProperty("job", "0"))) {
                        ImportSpool.delete(spool.dir().resolve(id + ".csv"));
                    }
                    ImportSpool.delete(note);
                }
            }
        } catch (IOException e) {
            // a leftover note is harmless; the next upload tries again
        }
    }
}
