package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_QUEUE;

import dev.leadline.core.sla.SlaPolicy;
import dev.leadline.core.sla.SlaPolicies;
import dev.leadline.core.team.WorkingHours;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Queue SLA policies, kept as a small JSON document on the queue row. */
public final class JooqSlaPolicies implements SlaPolicies {
    private final DSLContext dsl;

    public JooqSlaPolicies(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<SlaPolicy> forQueue(long queueId) {
        return Optional.ofNullable(dsl.select(LEAD_QUEUE.SLA_POLICY).from(LEAD_QUEUE).where(LEAD_QUEUE.ID.eq(queueId)).fetchOne(LEAD_QUEUE.SLA_POLICY))
                .map(Json::read).map(JooqSlaPolicies::read);
    }

    @Override
    public void set(long queueId, Optional<SlaPolicy> policy) {
        dsl.update(LEAD_QUEUE).set(LEAD_QUEUE.SLA_POLICY, policy.map(JooqSlaPolicies::write).map(Json::write).orElse(null))
                .where(LEAD_QUEUE.ID.eq(queueId)).execute();
    }

    private static Map<String, String> write(SlaPolicy policy) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("steps", policy.steps().stream().map(s -> s.after().toSeconds() + ":" + s.action().name()).collect(Collectors.joining(",")));
        json.put("touch", policy.touches().stream().map(Enum::name).collect(Collectors.joining(",")));
        policy.hours().ifPresent(h -> {
            json.put("hours", h.hours().toString());
            json.put("timeZone", h.zone().getId());
        });
        return json;
    }

    private static SlaPolicy read(Map<String, String> json) {
        List<SlaPolicy.Step> steps = json.getOrDefault("steps", "").isEmpty() ? List.of()
                : Arrays.stream(json.get("steps").split(",")).map(s -> s.split(":"))
                        .map(p -> new SlaPolicy.Step(Duration.ofSeconds(Long.parseLong(p[0])), SlaPolicy.Action.valueOf(p[1]))).toList();
        Set<SlaPolicy.Touch> touches = EnumSet.noneOf(SlaPolicy.Touch.class);
        if (!json.getOrDefault("touch", "").isEmpty()) {
            Arrays.stream(json.get("touch").split(",")).map(SlaPolicy.Touch::valueOf).forEach(touches::add);
        }
        Optional<SlaPolicy.BusinessHours> hours = Optional.ofNullable(json.get("hours"))
                .map(h -> new SlaPolicy.BusinessHours(WorkingHours.parse(h, "sla.hours"), ZoneId.of(json.get("timeZone"))));
        return new SlaPolicy(steps, touches, hours);
    }
}
