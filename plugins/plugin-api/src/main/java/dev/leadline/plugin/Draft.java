package dev.leadline.plugin;

/**
 * A drafted email: its subject (one line, at most 200 characters), its body (plain text, at most
 * 20,000 characters), and why it is written so ({@code rationale}, shown to the owner, may be empty).
 */
public record Draft(String subject, String body, String rationale) {}
