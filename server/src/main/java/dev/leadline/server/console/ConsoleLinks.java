package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.SignInLinks;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;
import java.net.URI;

/** Sign-in links as addresses on this server's public URL ({@code LEADLINE_PUBLIC_URL}). */
public final class ConsoleLinks implements SignInLinks {
    static final String SIGN_IN_PATH = "/console/sign-in/";
    private final ConsoleAccess access;
    private final URI base;

    public ConsoleLinks(ConsoleAccess access, URI base) {
        this.access = access;
        this.base = base;
    }

    @Override
    public String signInLink(Rep rep, Actor by) {
        return base + SIGN_IN_PATH + access.issueLink(rep, by).secret();
    }
}
