package dev.leadline.core.files;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;

/**
 * A file on a lead: its name as shown (already made safe), the type its content was sniffed as, its size
 * and SHA-256, where the file store keeps it, and who attached it when. {@code homeLead} is the lead it
 * was attached to; {@code lead} holds it now (the survivor, after a merge).
 */
public record LeadFile(long id, LeadId lead, LeadId homeLead, String name, String contentType, long size, String sha256, String blobKey,
                       Actor addedBy, Instant addedAt) {}
