package dev.leadline.plugin.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test class or method reads a file from {@code ../shared/data} beside the repository: data
 * whose licence does not let the project ship it. Without the file the test is skipped and one line
 * saying so is printed; with {@code -Dleadline.sharedData=required} (as CI runs) it fails instead.
 * Read the file with {@link SharedData#file(String)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedData.class)
public @interface NeedsSharedData {
    /** The file, relative to {@code ../shared/data}, e.g. {@code x-education/Leads.csv}. */
    String value();
}
