package dev.leadline.bench;

import dev.leadline.server.XEducationScoring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * score-bayes measured through the built jar, the way a customer would meet it: {@link XEducationScoring}
 * (the run {@code XEducationScoringTest} makes on an in-process server in every build) against
 * {@code server/target/leadline.jar} as its own process, with the server's CPU time.
 * {@code bench/run XEducationBench [without-notes]} leaves out the sales team's own notes
 * ({@code Tags}, {@code Lead Quality}); {@code -Dleads=} another copy of the export.
 */
public final class XEducationBench {
    public static void main(String[] args) throws Exception {
        List<String> leaveOut = args.length > 0 && args[0].equals("without-notes") ? XEducationScoring.NOTES : List.of();
        var rows = XEducationScoring.shuffledRows(Path.of(System.getProperty("leads", "../shared/data/x-education/Leads.csv")));
        Path dir = ServerProcess.tempDir("leadline-xeducation-bench");
        Path config = Files.writeString(dir.resolve("leadline.yml"), XEducationScoring.CONFIG);
        try (ServerProcess server = ServerProcess.start(dir, 18083, Map.of("LEADLINE_CONFIG", config.toString()), "-Xmx1g")) {
            System.out.println(new XEducationScoring(server.uri("/"), ServerProcess.TOKEN).run(rows, leaveOut).summary());
            System.out.println("  " + server.cpu());
        }
    }
}
