package dev.leadline.core.chat;

import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.conversion.ConversionService;
import dev.leadline.core.dedupe.MergeService;
import dev.leadline.core.qualification.QualificationService;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.scheduling.SchedulingService;
import dev.leadline.core.team.TeamService;

/** The lifecycle services a chat command can drive, and the reports it can read. */
public record LeadWork(ClaimService claims, QualificationService qualification, SchedulingService scheduling,
                       ConversionService conversion, MergeService merges, TeamService team, RoutingService routing,
                       dev.leadline.core.report.Reports reports, dev.leadline.core.nurture.NurtureService nurture,
                       dev.leadline.core.nurture.NurtureDrafts drafts, dev.leadline.core.rooms.RoomService rooms,
                       dev.leadline.core.booking.Handoffs handoffs) {}
