-- A file shared in a thread under a lead's card is attached to that lead (issue 25): the card is found
-- by the platform's reference of its message.
CREATE INDEX ix_message_ref_place ON message_ref (platform, ref);
