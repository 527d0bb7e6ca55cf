package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs are checked against the code: every variable the code reads is in docs/configuration.md, every route
 * in the routes table is in docs/api.md, and in every Markdown file of the repository (README.md, docs/, the
 * modules' READMEs) each table has its header and each relative link leads to a file, and heading, inside it.
 */
class DocsTest {

    private static final Path ROOT = repositoryRoot();
    /** Where the code reads its settings: the config reader and everything else on the main source paths. */
    private static final List<String> SOURCE_ROOTS = List.of("server/src/main/java", "core/src/main/java",
            "db/src/main/java", "bot-slack/src/main/java", "bot-teams/src/main/java", "bot-mattermost/src/main/java");
    private static final Pattern VARIABLE = Pattern.compile("\"((?:LEADLINE|SLACK|TEAMS|MATTERMOST)_[A-Z0-9_]*[A-Z0-9])\"");
    private static final Pattern ROUTE = Pattern.compile("routes\\.(get|post|put|delete|patch|options)\\(\"([^\"]+)\"");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern DELIMITER = Pattern.compile("^\\|(\\s*:?-{3,}:?\\s*\\|)+\\s*$");

    @Test
    void everyVariableTheCodeReadsIsInTheConfigurationPage() {
        String page = read("docs/configuration.md");
        Set<String> variables = variablesReadByTheCode();

        assertThat(variables).as("variables found in the code").contains("LEADLINE_PORT", "SLACK_APP_TOKEN", "TEAMS_AUTH_DISABLED", "MATTERMOST_CALLBACK_URL");
        assertThat(variables).filteredOn(variable -> !page.contains("`" + variable + "`"))
                .as("variables missing from docs/configuration.md").isEmpty();
    }

    @Test
    void everyRouteInTheRoutesTableIsInTheApiPage() {
        String page = read("docs/api.md");
        List<String> routes = routesInTheTable();

        assertThat(routes).as("routes found in HttpApi.java").hasSizeGreaterThan(50);
        assertThat(routes).filteredOn(route -> !mentions(page, route)).as("routes missing from docs/api.md").isEmpty();
    }

    @Test
    void everyMarkdownTableHasAHeaderRowAndADelimiterRow() {
        assertThat(markdownFiles()).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/api.md"), ROOT.resolve("core/README.md"));
        List<String> problems = new ArrayList<>();
        markdownFiles().forEach(file -> problems.addAll(tableProblems(ROOT.relativize(file).toString(), read(file))));

        assertThat(problems).isEmpty();
    }

    @Test
    void aRouteIsNotFoundAsThePrefixOfALongerOne() {
        assertThat(mentions("`GET /leads/{id}`", "GET /leads")).isFalse();
        assertThat(mentions("`GET /leads?view=`", "GET /leads")).isTrue();
    }

    @Test
    void aTableRowAfterABlankLineWithoutItsHeaderIsReported() {
        String broken = "| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n";

        assertThat(tableProblems("broken.md", broken)).containsExactly("broken.md:5: a table row without a header row and a |---| row");
    }

    @Test
    void everyRelativeLinkInTheDocsLeadsToAFileInTheRepositoryAndAHeadingInIt() {
        List<String> problems = new ArrayList<>();
        for (Path file : markdownFiles()) {
            Matcher link = LINK.matcher(withoutCode(read(file)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT)) {
                    problems.add(ROOT.relativize(file) + ": " + target + " leads outside the repository");
                } else if (!Files.exists(resolved)) {
                    problems.add(ROOT.relativize(file) + ": " + target + " does not exist");
                } else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(read(resolved)).contains(target.substring(hash + 1))) {
                    problems.add(ROOT.relativize(file) + ": " + target + " names no heading there");
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void headingsAreAnchoredAsGitHubDoes() {
        assertThat(anchors("## `leadline.yml`\n## Outside `/api/v1`\n### The same in Teams, without Azure\n"))
                .containsExactly("leadlineyml", "outside-apiv1", "the-same-in-teams-without-azure");
    }

    @Test
    void theReadmeStaysShortAndKeepsTheCommandCiRuns() {
        String readme = read("README.md");
        String ci = read(".ci/run");

        assertThat(readme.lines().count()).as("README.md lines").isLessThanOrEqualTo(160);
        assertThat(readme).contains("./mvnw verify", "java -jar server/target/leadline.jar demo");
        assertThat(ci).contains("./mvnw -B -ntp verify");
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static List<String> anchors(String markdown) {
        return withoutCode(markdown).lines().filter(line -> line.matches("^#{1,6} .*"))
                .map(line -> line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .toList();
    }

    /** The text outside fenced code blocks, where a {@code #} is a comment and {@code ](} no link. */
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?ms)^\\s*```.*?^\\s*```", "");
    }

    /** Whether the page names the route itself, not only a longer route it begins. */
    static boolean mentions(String page, String route) {
        return Pattern.compile(Pattern.quote(route) + "(?![\\w/{}.-])").matcher(page).find();
    }

    /** Each table starts with a header row followed by a delimiter row; a row after a blank line is a new table. */
    static List<String> tableProblems(String name, String markdown) {
        List<String> problems = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inFence = false;
        boolean inTable = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("```")) {
                inFence = !inFence;
                inTable = false;
                continue;
            }
            boolean row = !inFence && line.startsWith("|");
            if (row && !inTable) {
                boolean delimiterFollows = i + 1 < lines.length && DELIMITER.matcher(lines[i + 1].strip()).matches();
                if (DELIMITER.matcher(line).matches() || !delimiterFollows) {
                    problems.add(name + ":" + (i + 1) + ": a table row without a header row and a |---| row");
                }
            }
            inTable = row;
        }
        return problems;
    }

    private static Set<String> variablesReadByTheCode() {
        Set<String> variables = new TreeSet<>();
        for (String root : SOURCE_ROOTS) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(root))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = VARIABLE.matcher(read(f));
                    while (m.find()) {
                        variables.add(m.group(1));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return variables;
    }

    /** Each route as written in the routes table, with the {@code /api/v1} prefix stripped as docs/api.md writes it. */
    private static List<String> routesInTheTable() {
        String source = read("server/src/main/java/dev/leadline/server/http/HttpApi.java");
        List<String> routes = new ArrayList<>();
        Matcher m = ROUTE.matcher(source);
        while (m.find()) {
            routes.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2).replaceFirst("^/api/v1(?=/)", ""));
        }
        return routes;
    }

    /** README.md, docs/*.md and every other Markdown file of the repository, outside build output. */
    private static List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md")).filter(DocsTest::isSource).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not build output, downloaded packages, hidden folders, or a server's data directory started in the clone. */
    private static boolean isSource(Path file) {
        for (Path part : ROOT.relativize(file)) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.equals("data") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static String read(String relative) {
        return read(ROOT.resolve(relative));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read", e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding .mvn above " + Path.of("").toAbsolutePath());
    }
}
