package dev.leadline.core.intake;

import java.util.List;

/** One data row of an import, with the line of the file it starts on. */
public record ImportRow(long line, List<String> values) {}
