package dev.leadline.server.http;

import dev.leadline.core.common.FieldError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body read strictly: each name and value is
 * percent-decoded to bytes and must then be valid UTF-8 ({@link StrictUtf8}); the servlet decoder
 * would quietly turn {@code %C0%AF} into a character instead. Repeated names are joined with ", ".
 */
public final class UrlEncodedForm {
    private UrlEncodedForm() {}

    static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String ascii = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : ascii.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = StrictUtf8.decode("body", bytes("body", eq < 0 ? pair : pair.substring(0, eq)));
            String value = StrictUtf8.decode(name, bytes(name, eq < 0 ? "" : pair.substring(eq + 1)));
            fields.merge(name, value, (a, b) -> a + ", " + b);
        }
        return fields;
    }

    /**
     * Why a form's text cannot be taken as it was sent: not valid UTF-8, a malformed escape, or a control
     * character other than tab and line breaks in a name or value; empty when it can.
     */
    public static java.util.Optional<String> problem(byte[] body) {
        try {
            for (Map.Entry<String, String> field : parse(body).entrySet()) {
                for (String text : List.of(field.getKey(), field.getValue())) {
                    if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
                        return java.util.Optional.of(field.getKey().replaceAll("\\p{Cntrl}", "?") + " holds a control character");
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (HttpProblem e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    private static byte[] bytes(String field, String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c != '%') {
                out.write(c);
            } else if (i + 2 < encoded.length() && hex(encoded.charAt(i + 1)) >= 0 && hex(encoded.charAt(i + 2)) >= 0) {
                out.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else {
                String problem = "has a '%' not followed by two hex digits";
                throw new HttpProblem(400, "invalid_text", field + " " + problem, List.of(new FieldError(field, problem)));
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
