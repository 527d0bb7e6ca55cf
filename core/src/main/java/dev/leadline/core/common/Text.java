package dev.leadline.core.common;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Text as Leadline stores and compares it: Unicode in composed form (NFC), so that a {@code josé}
 * typed on a Mac and one typed on Windows are the same word, and never a NUL character or half of
 * a surrogate pair, which no database column or mail system takes.
 */
public final class Text {
    private static final int SHOWN = 60;

    private Text() {}

    /** The text in composed form (NFC); null stays null. */
    public static String nfc(String text) {
        if (text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** What makes the text unfit to store, if anything: a NUL character or a lone surrogate. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.of("contains a NUL character (at position " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains half of a surrogate pair (at position " + i + "), which is not a character");
            }
        }
        return Optional.empty();
    }

    /**
     * The text in composed form.
     *
     * @throws ValidationException naming {@code field} when the text holds a NUL or a lone surrogate
     */
    public static String checked(String field, String text) {
        problem(text).ifPresent(p -> {
            throw new ValidationException(field, p);
        });
        return nfc(text);
    }

    /** The text as an error message may quote it: at most a few dozen characters. */
    public static String abbreviate(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
