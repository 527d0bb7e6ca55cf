package dev.leadline.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.leadline.core.nurture.Cadence;
import dev.leadline.server.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Cadences pages' values, in words: each cadence in the list, the editor, and what Check answered. */
public final class CadenceViews {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Multi-line text (an email's body) as a {@code |} block, lists indented as the docs write them. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    /** What a new cadence starts from: it checks as it is, and enrols nobody until someone enrols a lead. */
    static final String STARTER = """
            # enrol: [{on: disqualified, reason: Bad timing}]   # which leads join by themselves (none: enrolled by hand)
            sendWindow: MON-FRI 09:00-17:00
            steps:
              - email:
                  subject: Picking up where we left off
                  body: |
                    Hi {{ lead.firstName }},

                    you asked us to check back about {{ lead.company }}.
              - wait: 5d
              - task: {title: "Call {{ lead.name }} (check-back)", due: 1d}
            """;

    private CadenceViews() {}

    /** A cadence in the list: {@code enrol} is its rules in words, empty when leads join only by hand. */
    public record Row(String name, String href, int version, String updatedAt, String updatedBy, int steps, String sendWindow,
                      List<String> enrol) {}

    /**
     * The editor: {@code version} is the version the text started from (0: a new cadence), which Save expects
     * to be the newest still; {@code nameProblem} is empty when the name is fine.
     */
    public record Editor(String name, boolean fresh, int version, String updatedAt, String updatedBy, String yaml, String nameProblem,
                         Result result, String message, boolean refused) {
        public String action(String what) {
            return "/console/admin/cadences/" + what;
        }

        public String title() {
            return fresh ? "New cadence" : "Cadence " + name;
        }
    }

    /** What Check (or a refused Save) answered: problems, each at its line (0: the name field), else a summary of the cadence. */
    public record Result(List<Problem> problems, String summary) {
        public boolean refused() {
            return !problems.isEmpty();
        }
    }

    public record Problem(int line, String path, String message) {}

    static Row row(Cadence cadence, ZoneId zone) {
        return new Row(cadence.name(), href(cadence.name()), cadence.version(), when(cadence.updatedAt(), zone), cadence.updatedBy(),
                cadence.steps().size(), cadence.sendWindow().toString(), cadence.enrol().stream().map(CadenceViews::enrolment).toList());
    }

    /** A cadence's page; {@code new} is the new-cadence page's own address, so a cadence of that name is found by the name field. */
    static String href(String name) {
        return name.equals("new") ? "/console/admin/cadences/new?name=new" : "/console/admin/cadences/" + name;
    }

    static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    /** {@code disqualified for "Bad timing"}, {@code disqualified (any reason)}, {@code unreached after 3 attempts}. */
    static String enrolment(Cadence.Trigger trigger) {
        return switch (trigger.on()) {
            case "disqualified" -> trigger.reason() == null ? "disqualified (any reason)" : "disqualified for \u201c" + trigger.reason() + "\u201d";
            case "unreached" -> "unreached after " + trigger.attempts() + (trigger.attempts() == 1 ? " attempt" : " attempts");
            default -> trigger.on();
        };
    }

    /** The cadence as {@code GET /api/v1/cadences/{name}} gives it, as YAML, without the name the page shows above it. */
    static String yaml(Cadence cadence) {
        Map<String, Object> written = new LinkedHashMap<>(cadence.written());
        written.remove("name");
        try {
            return YAML.writeValueAsString(written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result checked(Cadence cadence) {
        int steps = cadence.steps().size();
        String kinds = cadence.steps().stream().map(s -> s.written().keySet().iterator().next()).collect(Collectors.joining(", "));
        String enrol = cadence.enrol().isEmpty() ? "leads join it only when someone enrols them"
                : "leads join it by themselves when " + cadence.enrol().stream().map(CadenceViews::enrolment).collect(Collectors.joining(" or "));
        return new Result(List.of(), "No problems: " + cadence.name() + " reads as " + steps + (steps == 1 ? " step" : " steps") + " (" + kinds
                + "), sent " + cadence.sendWindow() + "; " + enrol + ". Nothing was stored.");
    }

    static Result refused(List<ConfigProblem> problems) {
        return new Result(problems.stream().map(p -> new Problem(p.line(), p.path().isEmpty() ? "the cadence" : p.path(), p.message())).toList(), "");
    }

    static Result refusedName(String message) {
        return new Result(List.of(new Problem(0, "Name", message)), "");
    }
}
