-- Every token belongs to a principal: REP tokens to one rep (rep_id); INTEGRATION tokens may act
-- on leads as a rep only with the act-as scope. Revocation is looked up by name.
ALTER TABLE api_token ADD COLUMN rep_id BIGINT NULL;
ALTER TABLE api_token ADD COLUMN act_as BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE api_token ADD CONSTRAINT fk_api_token_rep FOREIGN KEY (rep_id) REFERENCES rep (id);
CREATE INDEX ix_api_token_name ON api_token (name, revoked_at);

-- an actor now names a rep and the token it acted through: rep:<email> via token:<name>
ALTER TABLE activity MODIFY COLUMN actor VARCHAR(400) NOT NULL;
ALTER TABLE audit_log MODIFY COLUMN actor VARCHAR(400) NOT NULL;
ALTER TABLE lead_merge MODIFY COLUMN actor VARCHAR(400) NOT NULL;
