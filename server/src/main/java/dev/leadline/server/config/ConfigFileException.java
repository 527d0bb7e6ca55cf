package dev.leadline.server.config;

import dev.leadline.core.common.LeadlineException;
import java.util.List;

/** leadline.yml is wrong; the message lists every problem found, one a line, each with its line and column. */
public class ConfigFileException extends LeadlineException {
    private final List<ConfigProblem> problems;

    public ConfigFileException(String file, List<ConfigProblem> problems) {
        super(file + " has " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:") + lines(file, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    static String lines(String file, List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach(p -> text.append("\n  ").append(p.describe(file)));
        return text.toString();
    }
}
