package dev.leadline.core.intake;

/** Where an import job stands. */
public enum ImportStatus {
    RUNNING, DONE, FAILED
}
