package dev.leadline.plugin;

import java.time.Instant;

/**
 * A lead converted in Leadline: what it became. CRMs with their own conversion (Salesforce's
 * {@code convertLead}) convert the lead record; others create or link the records themselves.
 *
 * @param lead               the lead as it was converted
 * @param leadCrmId          the CRM's id of the lead
 * @param accountName        the account's name
 * @param accountCrmId       the CRM's id of that account when known (an earlier conversion), else {@code null}
 * @param accountDomain      the account's domain, or {@code null}
 * @param opportunityName    the opportunity's name, or {@code null} when none was made
 * @param opportunityAmount  its amount as a decimal string, or {@code null}
 * @param opportunityStage   its stage, or {@code null}
 * @param ownerEmail         the rep who converted it (owner of the new records), or {@code null}
 * @param ownerCrmId         the CRM's id for that rep when known, else {@code null}
 * @param at                 when it was converted
 */
public record CrmConversion(CrmLead lead, String leadCrmId, String accountName, String accountCrmId, String accountDomain,
                            String opportunityName, String opportunityAmount, String opportunityStage, String ownerEmail,
                            String ownerCrmId, Instant at) {}
