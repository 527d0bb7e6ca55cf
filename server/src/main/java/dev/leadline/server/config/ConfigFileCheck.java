package dev.leadline.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leadline.core.common.FieldError;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a leadline.yml and finds every problem in it at once, each with its line and column: YAML that
 * does not parse, keys that are not settings, values of the wrong kind, and whatever the sections' own
 * rules and the file's references to its reps and queues refuse. Needs nothing but the text.
 */
public final class ConfigFileCheck {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Pattern REP_ITEM = Pattern.compile("reps\\[(\\d+)]");

    /** The settings when the file has no problem, else every problem in the order of the file. */
    public record Result(ConfigFile file, List<ConfigProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ConfigFileCheck() {}

    public static Result check(String text) {
        Node root;
        try {
            root = new Yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return refused(new ConfigProblem(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1, "",
                    "is not valid YAML: " + plain(e.getProblem())));
        } catch (YAMLException e) {
            return refused(new ConfigProblem(1, 1, "", "is not valid YAML"));
        }
        if (root != null && !(root instanceof MappingNode)) {
            return refused(new ConfigProblem(root.getStartMark().getLine() + 1, root.getStartMark().getColumn() + 1, "",
                    "must be a map of settings (reps:, queues:, ...)"));
        }
        YamlMarks marks = YamlMarks.of(root);
        JsonNode tree;
        try {
            tree = root == null ? YAML.createObjectNode() : YAML.readTree(text);
        } catch (IOException e) {
            return refused(new ConfigProblem(1, 1, "", "is not valid YAML"));
        }
        ConfigBinding binding = new ConfigBinding(YAML);
        ConfigFile file = binding.bind(tree);
        List<FieldError> found = new ArrayList<>(binding.problems());
        if (file != null) {
            boolean teamReadable = !binding.unbound().contains("reps") && !binding.unbound().contains("queues");
            found.addAll(ConfigRules.check(file, unreadReps(tree, binding.unbound()), teamReadable));
        }
        List<ConfigProblem> problems = new ArrayList<>(marks.repeatedKeys());
        for (FieldError error : found) {
            YamlMarks.Position at = marks.at(error.field());
            problems.add(new ConfigProblem(at.line(), at.column(), error.field(), error.message()));
        }
        problems.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return new Result(problems.isEmpty() ? file : null, List.copyOf(problems));
    }

    private static Result refused(ConfigProblem problem) {
        return new Result(null, List.of(problem));
    }

    /** The emails of rep entries that could not be read as a whole. */
    private static List<String> unreadReps(JsonNode tree, List<String> unbound) {
        List<String> emails = new ArrayList<>();
        for (String path : unbound) {
            Matcher item = REP_ITEM.matcher(path);
            if (item.matches()) {
                JsonNode email = tree.path("reps").path(Integer.parseInt(item.group(1))).path("email");
                if (email.isTextual()) {
                    emails.add(email.asText());
                }
            }
        }
        return emails;
    }

    private static String plain(String problem) {
        if (problem == null) {
            return "it cannot be read";
        }
        if (problem.contains("\\t")) {
            return "a tab character; indent with spaces";
        }
        return problem;
    }
}
