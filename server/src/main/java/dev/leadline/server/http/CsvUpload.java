package dev.leadline.server.http;

import dev.leadline.core.common.ValidationException;
import dev.leadline.server.importing.ImportSpool;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Optional;

/** A CSV file sent to an import endpoint (body as text/csv, or multipart part {@code file}), spooled to disk. */
public record CsvUpload(String fileName, Path file, Charset charset) {

    public static CsvUpload receive(Context ctx, ImportSpool spool) throws IOException {
        String type = contentType(ctx);
        if (isMultipart(ctx)) {
            readMultipart(ctx);
            UploadedFile upload = ctx.uploadedFile("file");
            if (upload == null) {
                throw new ValidationException("file", "send the CSV as a multipart part named 'file'");
            }
            Charset charset = charset(upload.contentType());
            try (InputStream in = upload.content()) {
                return new CsvUpload(upload.filename(), spool.store(in), charset);
            }
        }
        if (!type.startsWith("text/csv") && !type.startsWith("text/plain") && !type.startsWith("application/csv")) {
            throw new HttpProblem(415, "unsupported_media_type", "send the file as text/csv or as multipart/form-data");
        }
        Charset charset = charset(type);
        return new CsvUpload("upload.csv", spool.store(ctx.bodyInputStream()), charset);
    }

    /**
     * Reads a multipart body (once: later form fields and files come from what was read). One that cannot be read is a
     * 400 naming the file, or a 413, and the answer closes the connection: Jetty closes it after such a body without saying so.
     */
    public static void readMultipart(Context ctx) {
        if (!isMultipart(ctx)) {
            return;
        }
        // Javalin passes the servlet's checked exceptions through undeclared
        try {
            ctx.uploadedFiles();
        } catch (Exception e) {
            ctx.header("Connection", "close");
            if (FileTransfer.tooLarge(e)) {
                throw new dev.leadline.core.common.TooLargeException("the upload is larger than one multipart part may be here");
            }
            throw new ValidationException("file", "the multipart body could not be read: send the CSV as one part named 'file', "
                    + "with a file name of letters, digits and punctuation");
        }
    }

    public static boolean isMultipart(Context ctx) {
        return contentType(ctx).startsWith("multipart/form-data");
    }

    /** The raw header: the servlet's content type throws on a charset the JVM does not know. */
    private static String contentType(Context ctx) {
        return Optional.ofNullable(ctx.header(Header.CONTENT_TYPE)).orElse("");
    }

    private static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new ValidationException("charset", "unknown character set '" + p.substring(8) + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
