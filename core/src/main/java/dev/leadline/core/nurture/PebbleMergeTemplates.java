package dev.leadline.core.nurture;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadField;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merge templates in Pebble's syntax ({@code {{ lead.firstName }}}, {@code {% if lead.company %}}): strict,
 * so an unknown merge field is an error, never an empty string. A template is checked by rendering it
 * against a lead, owner and account that have every merge field; its includes name nothing but text.
 */
public final class PebbleMergeTemplates implements MergeTemplates {
    /** Pebble's words for a name that is not there (a root such as {@code manager}, or an attribute such as {@code lead.frist}). */
    private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile("(?:Root attribute|Attribute) \\[([^\\]]+)\\]");
    private final PebbleEngine engine = new PebbleEngine.Builder().loader(new StringLoader()).strictVariables(true).cacheActive(false).build();
    /** For subjects, plain-text parts, chat text and task titles: nothing escaped. */
    private final PebbleEngine plain = new PebbleEngine.Builder().loader(new StringLoader()).strictVariables(true).autoEscaping(false)
            .cacheActive(false).build();

    /** Every merge field there is, each with a value. */
    static Map<String, Object> sample() {
        Map<String, Object> lead = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            lead.put(field.jsonName(), "x");
        }
        lead.put("id", "L-1");
        lead.put("name", "x");
        lead.put("score", 50);
        lead.put("status", "NEW");
        return Map.of("lead", lead, "owner", Map.of("name", "x", "firstName", "x", "email", "x@example.com"),
                "account", Map.of("name", "x", "domain", "example.com"));
    }

    @Override
    public String render(String template, Map<String, Object> fields, boolean html) {
        StringWriter out = new StringWriter();
        try {
            (html ? engine : plain).getLiteralTemplate(template).evaluate(out, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void check(String field, String template) {
        try {
            engine.getLiteralTemplate(template).evaluate(new StringWriter(), sample());
        } catch (PebbleException e) {
            String message = e.getPebbleMessage() == null ? "cannot be read" : e.getPebbleMessage();
            java.util.regex.Matcher unknown = UNKNOWN.matcher(message);
            if (unknown.find()) {
                message = "unknown merge field '" + unknown.group(1) + "'";
            }
            throw new ValidationException(field, (e.getLineNumber() == null ? "" : "line " + e.getLineNumber() + ": ") + message
                    + "; merge fields are lead.<field> (lead.firstName, lead.company, ...), owner.name, owner.firstName, owner.email, account.name, account.domain");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new ValidationException(field, "cannot be read: " + e.getMessage());
        }
    }
}
