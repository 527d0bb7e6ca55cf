package dev.leadline.server.http;

import dev.leadline.core.common.Ids;
import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.files.FileOutcome;
import dev.leadline.core.files.FileService;
import dev.leadline.core.files.LeadFile;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.files.FileSpool;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Files on leads: upload (multipart, one or more parts), list, download and remove; an account's and a
 * contact's files are those of the leads converted into them. Downloads are always attachments, with
 * the type that was sniffed at upload and a name that cannot break the header.
 */
final class FileController {
    private static final String JETTY_MULTIPART = "org.eclipse.jetty.multipartConfig";
    private final FileService files;
    private final FileSpool spool;
    private final TeamService team;

    FileController(FileService files, FileSpool spool, TeamService team) {
        this.files = files;
        this.spool = spool;
        this.team = team;
    }

    /** A file as the API shows it. */
    record FileJson(long id, String lead, String name, String contentType, long size, String sha256, String addedBy, String addedAt,
                    String url, String status) {
        static FileJson of(LeadFile f, String status) {
            return new FileJson(f.id(), f.lead().toString(), f.name(), f.contentType(), f.size(), f.sha256(), f.addedBy().toString(),
                    f.addedAt().toString(), "/api/v1/files/" + f.id(), status);
        }
    }

    void upload(Context ctx) throws IOException {
        LeadId lead = LeadId.parse(ctx.pathParam("id"));
        if (!CsvUpload.isMultipart(ctx)) {
            throw new HttpProblem(415, "unsupported_media_type", "send the files as multipart/form-data, one part per file");
        }
        long max = files.rules().maxFileBytes();
        // parts over a few hundred KB go to disk; Jetty refuses a part over the limit as it reads it
        ctx.req().setAttribute(JETTY_MULTIPART, new MultipartConfigElement(spool.dir().toString(), max, max * 20 + 1_048_576, 256 * 1024));
        List<UploadedFile> parts = parts(ctx);
        if (parts.isEmpty()) {
            throw new ValidationException("file", "send at least one file as a multipart part with a file name");
        }
        ActingRep by = Reps.acting(ctx, team, ctx.formParam("rep"));
        List<FileJson> attached = new ArrayList<>();
        for (UploadedFile part : parts) {
            try (InputStream in = part.content(); FileSpool.Spooled spooled = spool.receive(in, part.filename())) {
                FileOutcome outcome = files.attach(lead, spooled.upload(), by);
                if (outcome instanceof FileOutcome.NotAllowed refused) {
                    throw new HttpProblem(403, "not_allowed", refused.reason());
                }
                attached.add(outcome instanceof FileOutcome.Attached a ? FileJson.of(a.file(), "attached")
                        : FileJson.of(((FileOutcome.AlreadyAttached) outcome).file(), "already_attached"));
            }
        }
        ctx.status(attached.stream().anyMatch(f -> f.status().equals("attached")) ? 201 : 200).json(Map.of("files", attached));
    }

    /** The request's file parts; a part over the limit is refused as it arrives. */
    private List<UploadedFile> parts(Context ctx) {
        // Javalin passes the servlet's checked exceptions through undeclared
        try {
            return ctx.uploadedFiles().stream().filter(f -> f.filename() != null && !f.filename().isBlank()).toList();
        } catch (Exception e) {
            if (tooLarge(e)) {
                throw new TooLargeException("a file is over " + files.rules().maxFileBytes() + " bytes, the most a file may be (LEADLINE_MAX_FILE_BYTES)");
            }
            throw new ValidationException("file", "the multipart body could not be read: send one part per file, with a file name");
        }
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("max") && (message.contains("size") || message.contains("length") || message.contains("exceed"))) {
                return true;
            }
        }
        return false;
    }

    void ofLead(Context ctx) {
        ctx.json(Map.of("files", files.ofLead(LeadId.parse(ctx.pathParam("id"))).stream().map(f -> FileJson.of(f, null)).toList()));
    }

    void ofAccount(Context ctx) {
        ctx.json(Map.of("files", files.ofAccount(Ids.parse("id", ctx.pathParam("id"))).stream().map(f -> FileJson.of(f, null)).toList()));
    }

    void ofContact(Context ctx) {
        ctx.json(Map.of("files", files.ofContact(Ids.parse("id", ctx.pathParam("id"))).stream().map(f -> FileJson.of(f, null)).toList()));
    }

    void download(Context ctx) throws IOException {
        LeadFile file = files.file(Ids.parse("id", ctx.pathParam("id")));
        try (InputStream in = content(file)) {
            ctx.contentType(file.contentType());
            ctx.header("Content-Length", Long.toString(file.size()));
            ctx.header("Content-Disposition", disposition(file.name()));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
            ctx.header("ETag", "\"" + file.sha256() + "\"");
            OutputStream out = ctx.outputStream();
            in.transferTo(out);
        }
    }

    private InputStream content(LeadFile file) throws IOException {
        try {
            return files.open(file);
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new HttpProblem(404, "not_found", "the content of file " + file.id() + " is missing from the file store");
        }
    }

    void remove(Context ctx) {
        ActingRep by = Reps.acting(ctx, team, ctx.queryParam("rep"));
        FileOutcome outcome = files.remove(Ids.parse("id", ctx.pathParam("id")), by);
        if (outcome instanceof FileOutcome.NotAllowed refused) {
            throw new HttpProblem(403, "not_allowed", refused.reason());
        }
        ctx.status(204);
    }

    /** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
