package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Properties;

/**
 * The API's OpenAPI 3.1 contract ({@code openapi/leadline.yaml}), served as JSON at {@code GET /api/openapi.json}, and
 * Swagger UI reading it at {@code GET /api/docs}. Neither needs a token: the document holds no data. The UI's script
 * and style come from the swagger-ui WebJar under {@code /webjars}; the page's one inline script is allowed by its hash.
 */
final class ApiDocs {
    static final String DOCUMENT = "/openapi/leadline.yaml";
    private static final String INIT = "window.onload = function () { window.ui = SwaggerUIBundle({url: '/api/openapi.json',"
            + " dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null}); };";
    private final byte[] document;
    private final String page;
    private final String policy;

    ApiDocs(ObjectMapper json) {
        this.document = toJson(json);
        String assets = "/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        this.page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Leadline API</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"" + assets + "swagger-ui.css\"></head>"
                + "<body><div id=\"swagger-ui\"></div><script src=\"" + assets + "swagger-ui-bundle.js\"></script>"
                + "<script>" + INIT + "</script></body></html>";
        // Swagger UI sets inline styles and draws some icons as data: images
        this.policy = "default-src 'none'; script-src 'self' 'sha256-" + sha256(INIT) + "'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    void document(Context ctx) {
        ctx.contentType("application/json").header("Cache-Control", "no-cache").result(document);
    }

    void page(Context ctx) {
        ctx.header("Content-Security-Policy", policy).header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .html(page);
    }

    private static byte[] toJson(ObjectMapper json) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the jar");
            }
            return json.writeValueAsBytes(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(DOCUMENT + " cannot be read", e);
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("the swagger-ui WebJar cannot be read", e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
