package dev.leadline.core.activity;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import java.time.Instant;
import java.util.List;

/**
 * Hears every journaled change to keep the facts reports count from, inside the change's transaction;
 * the journal tells it, so that no change reaches the timeline without reaching the facts.
 */
public interface LeadFacts {
    LeadFacts NONE = new LeadFacts() {
        @Override
        public void created(List<Lead> leads, Actor actor) {
        }

        @Override
        public void changed(List<LeadJournal.Change> changes, Actor actor) {
        }

        @Override
        public void slaStep(Lead lead, String step, Instant at) {
        }
    };

    void created(List<Lead> leads, Actor actor);

    void changed(List<LeadJournal.Change> changes, Actor actor);

    /** An SLA step ({@code remind}, {@code reassign}, {@code alert-manager}) acted on the lead. */
    void slaStep(Lead lead, String step, Instant at);

    /** The lead's fields were edited (no change to where it stands). */
    default void updated(Lead before, Lead after) {
    }

    /** Tells each of these, in order. */
    static LeadFacts all(LeadFacts... all) {
        return new LeadFacts() {
            @Override
            public void created(List<Lead> leads, Actor actor) {
                for (LeadFacts facts : all) {
                    facts.created(leads, actor);
                }
            }

            @Override
            public void changed(List<LeadJournal.Change> changes, Actor actor) {
                for (LeadFacts facts : all) {
                    facts.changed(changes, actor);
                }
            }

            @Override
            public void slaStep(Lead lead, String step, Instant at) {
                for (LeadFacts facts : all) {
                    facts.slaStep(lead, step, at);
                }
            }

            @Override
            public void updated(Lead before, Lead after) {
                for (LeadFacts facts : all) {
                    facts.updated(before, after);
                }
            }
        };
    }
}
