package dev.leadline.core.nurture;

import dev.leadline.core.account.AccountMatch;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.team.Rep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a lead's templates may name: {@code lead.<field>} for every lead field (empty when the lead has
 * none, so {@code {% if lead.company %}} reads as it should), {@code lead.id}, {@code lead.name},
 * {@code lead.score}, {@code lead.status}; {@code owner.name}, {@code owner.firstName}, {@code owner.email};
 * {@code account.name} and {@code account.domain}.
 */
public final class MergeFields {
    private MergeFields() {}

    public static Map<String, Object> of(Lead lead, Optional<Rep> owner, Optional<AccountMatch> account) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            fields.put(field.jsonName(), lead.data().get(field).orElse(""));
        }
        fields.put("id", lead.id().toString());
        fields.put("name", Optional.ofNullable(lead.data().displayName()).orElse(""));
        fields.put("score", lead.score() == null ? "" : lead.score());
        fields.put("status", lead.status().label());
        String ownerName = owner.map(Rep::name).orElse("");
        Map<String, Object> ownerFields = Map.of("name", ownerName, "firstName", ownerName.split(" ", 2)[0],
                "email", owner.map(Rep::email).orElse(""));
        Map<String, Object> accountFields = Map.of("name", account.map(AccountMatch::name).orElse(""),
                "domain", lead.data().get(LeadField.DOMAIN).orElse(""));
        return Map.of("lead", fields, "owner", ownerFields, "account", accountFields);
    }
}
