package dev.leadline.slack;

import com.slack.api.model.File;
import com.slack.api.model.event.MessageFileShareEvent;
import dev.leadline.core.chat.ChatFiles;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.lead.LeadId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files shared in a lead's room or in a thread under its card: fetched from Slack with the bot token
 * ({@code url_private_download}, {@code files:read}), attached to the lead as the rep who shared them,
 * and answered in the thread. Files shared anywhere else are none of the bot's business.
 */
final class SlackFiles {
    private static final Logger log = LoggerFactory.getLogger(SlackFiles.class);
    private final ChatFiles files;
    private final SlackClients clients;
    private final SlackPeople people;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SlackFiles(ChatFiles files, SlackClients clients, SlackPeople people) {
        this.files = files;
        this.clients = clients;
        this.people = people;
    }

    void shared(String teamId, MessageFileShareEvent event) {
        if (event.getFiles() == null || event.getFiles().isEmpty() || event.getUser() == null) {
            return;
        }
        SlackClients.Address channel = clients.address(teamId, event.getChannel());
        Optional<LeadId> lead = files.leadAt(SlackNotifier.PLATFORM, channel.toString(),
                event.getThreadTs() == null ? null : channel + "/" + event.getThreadTs());
        var client = clients.client(channel);
        Optional<String> token = clients.token(channel);
        if (lead.isEmpty() || client.isEmpty() || token.isEmpty()) {
            return;
        }
        SlackPeople.Who who = people.who(teamId, event.getUser(), client.get());
        ChatReply reply = who.rep().map(rep -> files.attach(lead.get(), rep, shared(event.getFiles(), token.get())))
                .orElseGet(() -> ChatReply.text(who.whyNot()));
        try {
            // in the thread the file was shared in; in a room, under the message that shared it
            String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
            var answer = client.get().chatPostMessage(r -> r.channel(event.getChannel()).threadTs(thread).text(reply.text()));
            if (!answer.isOk()) {
                log.warn("Slack refused the answer to files shared on {}: {}", lead.get(), answer.getError());
            }
        } catch (IOException | com.slack.api.methods.SlackApiException e) {
            log.warn("Could not answer files shared on {} in Slack: {}", lead.get(), e.getMessage());
        }
    }

    private List<ChatFiles.Shared> shared(List<File> shared, String token) {
        return shared.stream().map(f -> new ChatFiles.Shared(f.getName() == null ? f.getTitle() : f.getName(),
                f.getSize() == null ? 0 : f.getSize(), () -> fetch(f, token))).toList();
    }

    private InputStream fetch(File file, String token) throws IOException {
        String url = file.getUrlPrivateDownload() != null ? file.getUrlPrivateDownload() : file.getUrlPrivate();
        if (url == null || !clients.isSlackUrl(URI.create(url))) {
            throw new IOException("not a Slack file address: " + url);
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("Slack answered " + response.statusCode() + " for file " + file.getId());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching file " + file.getId(), e);
        }
    }
}
