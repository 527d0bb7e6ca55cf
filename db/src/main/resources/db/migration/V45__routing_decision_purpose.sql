-- the console's dry run of a draft rule set reads the leads a purpose's rules routed last, newest first
CREATE INDEX ix_routing_decision_purpose ON routing_decision (purpose, id);
