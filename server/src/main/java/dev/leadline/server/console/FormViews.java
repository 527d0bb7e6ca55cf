package dev.leadline.server.console;

import dev.leadline.core.intake.ColumnMapping;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.lead.LeadField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the Forms page shows of each web form: its settings, the HTML to embed it, its test form and the last test's result. */
public final class FormViews {
    /** The fields a form asks for besides those its mapping names. */
    private static final List<String> STANDARD = List.of("firstName", "lastName", "email", "company");

    private FormViews() {}

    /** One input of the form: the name it is submitted under, its label and input type. */
    public record Field(String name, String label, String type, String id) {}

    /** A test submission's result: {@code lead} is the lead it created or found ({@code L-42}), or empty. */
    public record Result(boolean refused, String message, String lead) {}

    public record Form(String key, String name, String action, String source, String campaign, String snippet, List<Field> fields,
                       Result result) {}

    static Form form(FormDefinition form, String publicUrl, Result result) {
        List<Field> fields = fields(form);
        String action = publicUrl + "/forms/" + form.key();
        return new Form(form.key(), form.name() == null ? form.key() : form.name(), action,
                form.defaultSource() == null ? "" : form.defaultSource(), form.defaultCampaign() == null ? "" : form.defaultCampaign(),
                snippet(action, fields), fields, result);
    }

    /** The mapped fields, then first and last name, email and company unless the mapping feeds them already. */
    private static List<Field> fields(FormDefinition form) {
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, String> mapped : new java.util.TreeMap<>(form.fieldMapping()).entrySet()) {
            fields.add(field(form, fields.size(), mapped.getKey(), mapped.getValue()));
        }
        for (String standard : STANDARD) {
            if (!form.fieldMapping().containsValue(standard) && !form.fieldMapping().containsKey(standard)) {
                fields.add(field(form, fields.size(), standard, standard));
            }
        }
        return fields;
    }

    private static Field field(FormDefinition form, int index, String name, String target) {
        boolean known = LeadField.byName(target).isPresent() || target.equals(ColumnMapping.FULL_NAME);
        String type = target.equals("email") ? "email" : target.equals("phone") ? "tel" : "text";
        return new Field(name, known ? ImportViews.label(target) : name, type, "test-" + form.key() + "-" + index);
    }

    private static String snippet(String action, List<Field> fields) {
        StringBuilder html = new StringBuilder("<form method=\"post\" action=\"").append(attribute(action)).append("\">\n");
        for (Field field : fields) {
            String id = "leadline-" + field.name();
            html.append("  <label for=\"").append(attribute(id)).append("\">").append(attribute(field.label())).append("</label>\n")
                    .append("  <input type=\"").append(field.type()).append("\" id=\"").append(attribute(id)).append("\" name=\"")
                    .append(attribute(field.name())).append("\">\n");
        }
        return html.append("  <!-- left empty by people: a submission that fills it is dropped as spam -->\n")
                .append("  <input type=\"text\" name=\"").append(FormDefinition.HONEYPOT).append("\" tabindex=\"-1\" autocomplete=\"off\" hidden>\n")
                .append("  <button type=\"submit\">Send</button>\n</form>\n").toString();
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
