package dev.leadline.plugins.crm.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** SOQL literals (SOQL and SOSL Reference, "Quoted String Escape Sequences" and "Date Formats and Date Literals"). */
final class Soql {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Soql() {}

    /** A quoted string literal: backslash, quotes and control characters escaped, so a value can never end the literal. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** A dateTime literal in UTC, to the second (Salesforce keeps record times to the second). */
    static String dateTime(Instant instant) {
        return DATETIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
