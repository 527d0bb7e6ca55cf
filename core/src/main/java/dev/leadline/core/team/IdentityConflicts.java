package dev.leadline.core.team;

/**
 * Told when a chat user would take over a rep's chat identity: the user's email is the rep's, but the
 * rep is already linked to another user on that platform. Nothing is re-bound; the managers hear of it.
 */
public interface IdentityConflicts {
    /**
     * @param linked  the user id the rep is linked to
     * @param claimed the user id that claimed to be the rep
     */
    void refused(Rep rep, String platform, String linked, String claimed);
}
