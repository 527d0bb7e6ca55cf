package dev.leadline.slack;

import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.team.Rep;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The App Home tab: published when a rep opens it, acts, or gets a card in their DMs. */
final class SlackHome {
    private static final Logger log = LoggerFactory.getLogger(SlackHome.class);
    private final SlackClients clients;
    private final SlackPeople people;
    private final ChatDesk desk;

    SlackHome(SlackClients clients, SlackPeople people, ChatDesk desk) {
        this.clients = clients;
        this.people = people;
        this.desk = desk;
    }

    /** Publishes the user's App Home again (their counts or leads changed). */
    void refresh(String teamId, String userId) {
        clients.client(clients.address(teamId, userId)).ifPresent(slack -> people.rep(teamId, userId, slack).ifPresent(rep -> {
            try {
                var published = slack.viewsPublish(r -> r.userId(userId).view(SlackModals.home(rep, desk)));
                if (!published.isOk()) {
                    log.warn("App Home for {} not published: {}", rep.email(), published.getError());
                }
            } catch (Exception e) {
                log.warn("App Home for {} not published: {}", rep.email(), e.getMessage());
            }
        }));
    }

    /** Where the rep is known in Slack, if they are. */
    static Optional<SlackClients.Address> address(Rep rep) {
        return Optional.ofNullable(rep.chatIdentities().get(SlackPeople.PLATFORM)).map(SlackClients.Address::parse);
    }
}
