-- the console's audit search finds what a rep or a token did by the actor (rep:<email>, rep:<email> via ..., token:<name>)
CREATE INDEX ix_audit_log_actor ON audit_log (actor, id);
