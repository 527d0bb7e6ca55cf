package dev.leadline.core.files;

import java.nio.file.Path;

/**
 * A file as received, already spooled to a local file while its SHA-256 was computed and its type sniffed
 * from its content: the name the sender gave (not yet made safe), that type, its size and checksum.
 */
public record Upload(String name, String contentType, long size, String sha256, Path content) {}
