package dev.leadline.server.http;

import dev.leadline.core.common.Ids;
import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.files.FileOutcome;
import dev.leadline.core.files.FileService;
import dev.leadline.core.files.LeadFile;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.ActingRep;
import dev.leadline.server.files.FileSpool;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import jakarta.servlet.MultipartConfigElement;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Files over HTTP, for the API and the console alike: multipart parts spooled and attached to a lead, and
 * a file's content sent as a download, always an attachment, with the type sniffed at upload and headers
 * that keep a browser from running it.
 */
public final class FileTransfer {
    private static final String JETTY_MULTIPART = "org.eclipse.jetty.multipartConfig";
    /** A request carries at most this many files of the largest size. */
    private static final int FILES_AT_ONCE = 20;
    private final FileService files;
    private final FileSpool spool;

    public FileTransfer(FileService files, FileSpool spool) {
        this.files = files;
        this.spool = spool;
    }

    /**
     * Before anything reads the body: parts over a few hundred KB go to the spool directory, Jetty cuts off a
     * part over the file limit as it reads it, and the request past {@value #FILES_AT_ONCE} such files.
     */
    public void boundParts(Context ctx) {
        bound(ctx, files.rules().maxFileBytes());
    }

    /**
     * As {@link #boundParts}, except that a part over the file limit is read on (within the request's bound)
     * and refused by the spool as it is attached. The console's CSRF check reads the form before its
     * handler does; refused there, a file too large could not be named on the lead page.
     */
    public void boundRequest(Context ctx) {
        bound(ctx, -1);
    }

    private void bound(Context ctx, long maxPart) {
        long max = files.rules().maxFileBytes();
        ctx.req().setAttribute(JETTY_MULTIPART, new MultipartConfigElement(spool.dir().toString(), maxPart, max * FILES_AT_ONCE + 1_048_576,
                256 * 1024));
    }

    /** The request's file parts (those with a file name); at least one. */
    public List<UploadedFile> parts(Context ctx) {
        if (!CsvUpload.isMultipart(ctx)) {
            throw new HttpProblem(415, "unsupported_media_type", "send the files as multipart/form-data, one part per file");
        }
        List<UploadedFile> parts;
        // Javalin passes the servlet's checked exceptions through undeclared
        try {
            parts = ctx.uploadedFiles().stream().filter(f -> f.filename() != null && !f.filename().isBlank()).toList();
        } catch (Exception e) {
            // Jetty closes the connection after a body it could not read, without saying so: say it, so that clients open a
            // new one for their next request instead of sending it on this one and getting no answer
            ctx.header("Connection", "close");
            if (tooLarge(e)) {
                throw new TooLargeException("a file is over " + files.rules().maxFileBytes() + " bytes, the most a file may be (LEADLINE_MAX_FILE_BYTES)");
            }
            throw new ValidationException("file", "the multipart body could not be read: send one part per file, with a file name");
        }
        if (parts.isEmpty()) {
            throw new ValidationException("file", "send at least one file as a multipart part with a file name");
        }
        return parts;
    }

    /** Whether reading a multipart body failed because a part, or the whole, was over its bound. */
    public static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("max") && (message.contains("size") || message.contains("length") || message.contains("exceed"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spools every part and checks it (size, type, name) before any is attached, so that a file refused
     * attaches none of the others; then attaches them in turn as the rep, until one is refused
     * ({@link FileOutcome.Refused}: the same reason would refuse the rest).
     */
    public List<FileOutcome> attach(LeadId lead, List<UploadedFile> parts, ActingRep by) throws IOException {
        List<FileSpool.Spooled> spooled = new ArrayList<>();
        try {
            for (UploadedFile part : parts) {
                try (InputStream in = part.content()) {
                    spooled.add(spool.receive(in, part.filename()));
                }
                files.rules().check(spooled.get(spooled.size() - 1).upload());
            }
            List<FileOutcome> outcomes = new ArrayList<>();
            for (FileSpool.Spooled file : spooled) {
                FileOutcome outcome = files.attach(lead, file.upload(), by);
                outcomes.add(outcome);
                if (outcome instanceof FileOutcome.Refused) {
                    break;
                }
            }
            return outcomes;
        } finally {
            for (FileSpool.Spooled file : spooled) {
                file.close();
            }
        }
    }

    /** {@code GET .../files/{id}}: the file's content, streamed. */
    public void download(Context ctx) throws IOException {
        LeadFile file = files.file(Ids.parse("id", ctx.pathParam("id")));
        try (InputStream in = content(file)) {
            ctx.contentType(file.contentType());
            ctx.header("Content-Length", Long.toString(file.size()));
            ctx.header("Content-Disposition", disposition(file.name()));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
            ctx.header("ETag", "\"" + file.sha256() + "\"");
            ctx.header("Cache-Control", "private, no-store");
            if (!"HEAD".equals(ctx.method().name())) {
                in.transferTo(ctx.outputStream());
            }
        }
    }

    private InputStream content(LeadFile file) throws IOException {
        try {
            return files.open(file);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new HttpProblem(404, "not_found", "the content of file " + file.id() + " is missing from the file store");
        }
    }

    /** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
