package dev.leadline.core.access;

import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;

/** Makes a one-time console sign-in link for a rep, as an address to open in a browser. */
public interface SignInLinks {
    String signInLink(Rep rep, Actor by);
}
