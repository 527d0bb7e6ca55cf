package dev.leadline.core.files;

import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.UnsupportedTypeException;
import java.util.List;
import java.util.Locale;

/**
 * What a lead may hold: the largest file ({@code LEADLINE_MAX_FILE_BYTES}), the most bytes on one lead
 * ({@code LEADLINE_MAX_LEAD_FILE_BYTES}) and the content types accepted (exact, or a prefix ending in
 * {@code *}), judged by the sniffed type, never by the name.
 */
public record FileRules(long maxFileBytes, long maxLeadBytes, List<String> allowedTypes) {
    /** Documents, spreadsheets, slides, images and text: what reps attach to a lead. Not HTML, SVG, scripts or programs. */
    public static final List<String> DEFAULT_TYPES = List.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
            "image/heic", "text/plain", "text/csv", "text/markdown", "text/x-web-markdown", "application/rtf", "application/msword", "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.*", "application/vnd.oasis.opendocument.*",
            "application/vnd.apple.*", "application/zip", "message/rfc822", "audio/*", "video/*");
    public static final long DEFAULT_MAX_FILE_BYTES = 25L * 1024 * 1024;
    public static final long DEFAULT_MAX_LEAD_BYTES = 250L * 1024 * 1024;
    /** The longest name kept; longer names are cut, keeping their extension. */
    public static final int MAX_NAME = 200;

    public FileRules {
        allowedTypes = allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
    }

    public static FileRules defaults() {
        return new FileRules(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_LEAD_BYTES, DEFAULT_TYPES);
    }

    /**
     * Names that run or render when opened, whatever is in them (Windows runs an {@code .hta} of plain text
     * with mshta): refused by their extension, since a download keeps its name.
     */
    static final java.util.Set<String> ACTIVE_EXTENSIONS = java.util.Set.of("exe", "com", "scr", "pif", "bat", "cmd", "msi", "msp", "mst",
            "cpl", "dll", "sys", "drv", "ocx", "hta", "htm", "html", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "js",
            "jse", "mjs", "vbs", "vbe", "wsf", "wsh", "wsc", "ps1", "psm1", "psd1", "ps1xml", "psc1", "reg", "lnk", "url", "website", "inf",
            "ins", "isp", "scf", "jar", "jnlp", "class", "app", "command", "tool", "sh", "bash", "zsh", "csh", "ksh", "py", "pyw", "pl", "rb",
            "php", "desktop", "appimage", "deb", "rpm", "apk", "dmg", "pkg", "iso", "img", "vhd", "vhdx", "gadget", "application",
            "appref-ms", "msc", "xll", "xbap", "chm", "hlp", "library-ms", "settingcontent-ms", "searchconnector-ms", "diagcab", "appx",
            "msix", "appxbundle", "msixbundle", "crx", "xpi", "swf", "workflow", "action", "scpt", "applescript");

    /** Refuses an upload too large, of a type not accepted, or named to run when opened. */
    public void check(Upload upload) {
        String name = safeName(upload.name());
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ACTIVE_EXTENSIONS.contains(extension)) {
            throw new UnsupportedTypeException("'" + name + "': files named ." + extension + " are not accepted, whatever they hold: "
                    + "a computer opening one may run it");
        }
        if (upload.size() > maxFileBytes) {
            throw new TooLargeException("'" + safeName(upload.name()) + "' is " + upload.size() + " bytes; files may be at most " + maxFileBytes
                    + " bytes (LEADLINE_MAX_FILE_BYTES)");
        }
        if (upload.size() == 0) {
            throw new dev.leadline.core.common.ValidationException("file", "'" + safeName(upload.name()) + "' is empty");
        }
        if (!allowed(upload.contentType())) {
            throw new UnsupportedTypeException("'" + safeName(upload.name()) + "' is " + upload.contentType()
                    + ", which is not accepted; accepted: " + String.join(", ", allowedTypes) + " (LEADLINE_FILE_TYPES)");
        }
    }

    /** Refuses a file that would take the lead over its total. */
    public void checkRoom(long leadBytes, Upload upload) {
        if (leadBytes + upload.size() > maxLeadBytes) {
            throw new TooLargeException("the lead holds " + leadBytes + " bytes of files; with '" + safeName(upload.name()) + "' it would pass "
                    + maxLeadBytes + " bytes (LEADLINE_MAX_LEAD_FILE_BYTES)");
        }
    }

    public boolean allowed(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int params = type.indexOf(';');
        String bare = (params < 0 ? type : type.substring(0, params)).strip();
        return allowedTypes.stream().anyMatch(a -> a.endsWith("*") ? bare.startsWith(a.substring(0, a.length() - 1)) : bare.equals(a));
    }

    /**
     * The name as kept and shown: its last path segment (a sender's {@code ../../etc/passwd} is
     * {@code passwd}), without control or bidirectional-override characters, at most {@value #MAX_NAME}
     * characters with the extension kept, and never empty, {@code .} or {@code ..}.
     */
    public static String safeName(String given) {
        String name = given == null ? "" : given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(c -> !Character.isISOControl(c) && !bidi(c) && c != ':' && c != '"').forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            return "file";
        }
        if (name.codePointCount(0, name.length()) <= MAX_NAME) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - ext.length());
        return stem.substring(0, stem.offsetByCodePoints(0, MAX_NAME - ext.length())) + ext;
    }

    private static boolean bidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0xFEFF;
    }
}
