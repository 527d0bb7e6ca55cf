package dev.leadline.core.common;

/**
 * Numeric ids as callers write them (a path segment, a body field, a chat word). Anything but a whole
 * number from 1 to {@link Long#MAX_VALUE} is the caller's mistake and is named by its field, however
 * many digits it has.
 */
public final class Ids {
    private static final int MAX_DIGITS = 19;

    private Ids() {}

    /** True when the text is only digits, so it names something by id rather than by name or email. */
    public static boolean looksNumeric(String text) {
        return text != null && !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * @throws ValidationException naming {@code field} when the text is not a positive id that fits in a long
     */
    public static long parse(String field, String text) {
        String value = text == null ? "" : text.strip();
        if (looksNumeric(value) && value.length() <= MAX_DIGITS) {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // past Long.MAX_VALUE: reported below
            }
        }
        throw new ValidationException(field, "'" + Text.abbreviate(value) + "' is not an id (a whole number from 1 to "
                + Long.MAX_VALUE + ")");
    }
}
