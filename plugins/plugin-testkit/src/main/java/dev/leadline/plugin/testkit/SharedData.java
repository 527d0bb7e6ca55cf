package dev.leadline.plugin.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Test data kept in {@code ../shared/data} beside the repository, never in it, because its licence does
 * not allow redistribution. Decides whether a {@link NeedsSharedData} test runs: it does when the file is
 * there; otherwise it is skipped with one line on the console, or, when the system property
 * {@code leadline.sharedData} is {@code required}, it fails.
 */
public final class SharedData implements ExecutionCondition {
    /** {@code required}: a missing file fails the test; anything else: it skips it. */
    public static final String MODE = "leadline.sharedData";
    /** The process's own stderr: Surefire keeps {@code System.err} for its report files, this reaches the console. */
    private static final PrintStream SKIPS = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    /** The file, relative to {@code ../shared/data}; it may not exist. */
    public static Path file(String relative) {
        return dataDir(Path.of("").toAbsolutePath()).resolve(relative);
    }

    /** {@code shared/data} beside the repository holding {@code from}: the nearest directory up with a {@code .mvn}. */
    static Path dataDir(Path from) {
        Path root = from;
        for (Path up = from; up != null; up = up.getParent()) {
            if (Files.isDirectory(up.resolve(".mvn"))) {
                root = up;
                break;
            }
        }
        return root.resolveSibling("shared").resolve("data");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<NeedsSharedData> needs = AnnotationSupport.findAnnotation(context.getElement(), NeedsSharedData.class);
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no shared data");
        }
        String test = context.getRequiredTestClass().getSimpleName() + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
        ConditionEvaluationResult result = decide(test, needs.get().value(), file(needs.get().value()), System.getProperty(MODE));
        if (result.isDisabled()) {
            SKIPS.println(result.getReason().orElseThrow());
        }
        return result;
    }

    static ConditionEvaluationResult decide(String test, String relative, Path file, String mode) {
        if (Files.isReadable(file)) {
            return ConditionEvaluationResult.enabled(file + " is there");
        }
        String missing = "../shared/data/" + relative + " (not redistributable)";
        if ("required".equals(mode)) {
            throw new IllegalStateException(MODE + "=required, but " + test + " cannot run: " + missing + " is missing, looked at " + file);
        }
        return ConditionEvaluationResult.disabled("skipped: " + test + " needs " + missing);
    }
}
