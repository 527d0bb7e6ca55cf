package dev.leadline.db;

import dev.leadline.core.routing.Explanation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A routing explanation to and from the JSON kept with its decision. */
final class ExplanationJson {
    private ExplanationJson() {}

    static String write(Explanation e) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("purpose", e.purpose());
        tree.put("ruleSetVersion", e.ruleSetVersion());
        tree.put("entry", e.entry());
        tree.put("because", e.because());
        tree.put("entriesBefore", e.entriesBefore());
        List<Object> queues = new ArrayList<>();
        for (Explanation.QueueStep step : e.queues()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("queueId", step.queueId());
            q.put("queue", step.queue());
            q.put("strategy", step.strategy());
            q.put("result", step.result());
            List<Object> candidates = new ArrayList<>();
            for (Explanation.CandidateNote c : step.candidates()) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("repId", c.repId());
                n.put("rep", c.rep());
                n.put("verdict", c.verdict());
                n.put("reason", c.reason());
                n.put("state", c.state());
                n.put("weight", c.weight());
                candidates.add(n);
            }
            q.put("candidates", candidates);
            queues.add(q);
        }
        tree.put("queues", queues);
        tree.put("outcome", e.outcome());
        tree.put("decidedAt", e.decidedAt().toString());
        return JsonTree.write(tree);
    }

    @SuppressWarnings("unchecked")
    static Explanation read(String json) {
        Map<String, Object> tree = JsonTree.readMap(json);
        List<Explanation.QueueStep> steps = new ArrayList<>();
        for (Object node : (List<Object>) tree.get("queues")) {
            Map<String, Object> q = (Map<String, Object>) node;
            List<Explanation.CandidateNote> candidates = new ArrayList<>();
            for (Object c : (List<Object>) q.get("candidates")) {
                Map<String, Object> n = (Map<String, Object>) c;
                candidates.add(new Explanation.CandidateNote(((Number) n.get("repId")).longValue(), (String) n.get("rep"), (String) n.get("verdict"),
                        (String) n.get("reason"), (String) n.get("state"), n.get("weight") == null ? null : ((Number) n.get("weight")).intValue()));
            }
            steps.add(new Explanation.QueueStep(((Number) q.get("queueId")).longValue(), (String) q.get("queue"), (String) q.get("strategy"),
                    candidates, (String) q.get("result")));
        }
        Number version = (Number) tree.get("ruleSetVersion");
        return new Explanation((String) tree.get("purpose"), version == null ? null : version.intValue(), (String) tree.get("entry"),
                (List<String>) tree.get("because"), ((Number) tree.get("entriesBefore")).intValue(), steps, (String) tree.get("outcome"),
                Instant.parse((String) tree.get("decidedAt")));
    }
}
