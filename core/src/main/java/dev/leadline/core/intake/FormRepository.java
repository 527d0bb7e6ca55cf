package dev.leadline.core.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Web-to-lead form definitions. */
public interface FormRepository {
    FormDefinition upsert(FormDefinition form, Instant at);

    Optional<FormDefinition> findByKey(String key);

    List<FormDefinition> list();
}
