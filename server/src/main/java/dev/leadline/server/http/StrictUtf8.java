package dev.leadline.server.http;

import dev.leadline.core.common.FieldError;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * UTF-8 as the standard defines it: no overlong forms (C0 AF for '/'), no encoded surrogates, no
 * stray continuation bytes. Decoders that replace or accept such bytes let a filtered character
 * slip through in disguise, so request bodies are checked with this before anything reads them.
 */
final class StrictUtf8 {
    private StrictUtf8() {}

    /** What is wrong with the bytes as UTF-8, naming the first bad byte and its offset; empty when they are valid. */
    static Optional<String> problem(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(4096);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            return Optional.empty();
        }
        int at = in.position();
        return Optional.of("is not valid UTF-8: byte 0x" + HexFormat.of().withUpperCase().toHexDigits(bytes[at])
                + " at offset " + (at - offset) + " does not start a well-formed character");
    }

    /**
     * The bytes as text.
     *
     * @throws HttpProblem 400 naming {@code field} when they are not valid UTF-8
     */
    static String decode(String field, byte[] bytes) {
        problem(bytes, 0, bytes.length).ifPresent(p -> {
            throw new HttpProblem(400, "invalid_text", field + " " + p, List.of(new FieldError(field, p)));
        });
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
