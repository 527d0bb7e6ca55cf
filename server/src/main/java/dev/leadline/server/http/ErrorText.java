package dev.leadline.server.http;

import java.util.regex.Pattern;

/**
 * The last guard on what an error answer may say: whatever message reaches it (a library's, a
 * plugin's, an exception's), Java class names, files on the server's disk and stack frames are
 * replaced by neutral words. URL paths of the API itself ({@code /api/...}, {@code /forms/...}) stay.
 */
final class ErrorText {
    private static final Pattern QUOTED_NAME = Pattern.compile("`[^`\\s]*\\.[^`]*`");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][\\w$]*(?:\\.[A-Z][\\w$]*)*");
    private static final Pattern UNIX_PATH = Pattern.compile("(?<![\\w/.:~-])(?!/(?:api|forms|slack)/)(?:/[\\w.@+-]+){2,}/?");
    private static final Pattern WINDOWS_PATH = Pattern.compile("\\b[A-Za-z]:\\\\[^\\s'\"]*");
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*(?:at [\\w$.<>/]+\\(.*\\)|\\.\\.\\. \\d+ more)\\s*$\\R?");

    private ErrorText() {}

    static String safe(String text) {
        if (text == null) {
            return null;
        }
        String withoutFrames = STACK_FRAME.matcher(text).replaceAll("").strip();
        String withoutClasses = CLASS_NAME.matcher(QUOTED_NAME.matcher(withoutFrames).replaceAll("a value")).replaceAll("a value");
        return WINDOWS_PATH.matcher(UNIX_PATH.matcher(withoutClasses).replaceAll("a file")).replaceAll("a file");
    }
}
