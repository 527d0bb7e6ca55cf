package dev.leadline.slack;

import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.team.Rep;
import com.slack.api.methods.SlackApiException;
import java.time.Duration;
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
        publish(new HomeRefreshes.Who(teamId, userId));
    }

    /** Publishes the user's App Home again; answers how long Slack asked to wait when it refused for its rate limit (429). */
    Optional<Duration> publish(HomeRefreshes.Who who) {
        Optional<com.slack.api.methods.MethodsClient> client = clients.client(clients.address(who.team(), who.user()));
        Optional<dev.leadline.core.team.Rep> rep = client.flatMap(slack -> people.rep(who.team(), who.user(), slack));
        if (rep.isEmpty()) {
            return Optional.empty();
        }
        try {
            var published = client.get().viewsPublish(r -> r.userId(who.user()).view(SlackModals.home(rep.get(), desk)));
            if (!published.isOk()) {
                log.warn("App Home for {} not published: {}", rep.get().email(), published.getError());
            }
        } catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                return Optional.of(Duration.ofSeconds(Optional.ofNullable(e.getResponse().header("Retry-After")).map(String::strip)
                        .filter(v -> v.matches("\\d{1,6}")).map(Long::parseLong).orElse(1L)));
            }
            log.warn("App Home for {} not published: Slack answered HTTP {}", rep.get().email(), e.getResponse().code());
        } catch (Exception e) {
            log.warn("App Home for {} not published: {}", rep.get().email(), e.getMessage());
        }
        return Optional.empty();
    }

    /** Where the rep is known in Slack, if they are. */
    static Optional<SlackClients.Address> address(Rep rep) {
        return Optional.ofNullable(rep.chatIdentities().get(SlackPeople.PLATFORM)).map(SlackClients.Address::parse);
    }
}
