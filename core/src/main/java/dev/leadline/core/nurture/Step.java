package dev.leadline.core.nurture;

import java.util.LinkedHashMap;
import java.util.Map;

/** One step of a cadence, in the order written. */
public sealed interface Step {
    /** The step as it is written (YAML or JSON): one key, the kind, holding its settings. */
    Map<String, Object> written();

    /**
     * An email from the owner: subject and body are merge templates. With {@code approval} the owner gets
     * the draft in chat first (send, edit or skip); a draft nobody answers within {@code expires} is skipped.
     * With {@code drafter}, a {@link dev.leadline.plugin.MessageDrafter} plugin rewrites the draft first.
     */
    record Email(String subject, String body, boolean approval, java.time.Duration expires, String drafter) implements Step {
        /** How long a draft waits for its owner unless the step says. */
        public static final java.time.Duration DEFAULT_EXPIRY = java.time.Duration.ofDays(2);

        public Email(String subject, String body) {
            this(subject, body, false, null, null);
        }

        @Override
        public Map<String, Object> written() {
            Map<String, Object> email = ordered("subject", subject, "body", body);
            if (approval) {
                email.put("approval", true);
                email.put("expires", expires.toHours() % 24 == 0 ? expires.toDays() + "d" : expires.toHours() + "h");
            }
            if (drafter != null) {
                email.put("drafter", drafter);
            }
            return Map.of("email", email);
        }
    }

    /** A pause: {@code days} business days when the send window has days (calendar days with 24/7), or hours. */
    record Wait(int amount, boolean hours) implements Step {
        @Override
        public Map<String, Object> written() {
            return Map.of("wait", amount + (hours ? "h" : "d"));
        }
    }

    /** A task for the lead's owner, due {@code dueDays} business days after the step. */
    record Task(String title, int dueDays) implements Step {
        @Override
        public Map<String, Object> written() {
            return Map.of("task", ordered("title", title, "due", dueDays + "d"));
        }
    }

    /** A nudge to the owner in chat. */
    record Chat(String text) implements Step {
        @Override
        public Map<String, Object> written() {
            return Map.of("chat", Map.of("text", text));
        }
    }

    /** When the condition holds, the lead leaves the cadence: back to routing ({@code recycle}) or out ({@code exit}); else the next step. */
    record Branch(Condition when, String then) implements Step {
        @Override
        public Map<String, Object> written() {
            return Map.of("branch", ordered("when", when.written(), "then", then));
        }
    }

    /** A test of the lead's score or one of its fields: {@code eq}, {@code ne}, {@code gt}, {@code ge}, {@code lt}, {@code le}, {@code empty}, {@code not-empty}. */
    record Condition(String field, String op, String value) {
        Map<String, Object> written() {
            Map<String, Object> out = ordered("field", field, "op", op);
            if (value != null) {
                out.put("value", value);
            }
            return out;
        }
    }

    /** Two settings in the order written. */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }
}
