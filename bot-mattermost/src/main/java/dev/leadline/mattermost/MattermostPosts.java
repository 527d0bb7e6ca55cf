package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatFiles;
import dev.leadline.core.chat.ChatPlace;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.lead.LeadId;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an outgoing webhook brings (its token checked before): files shared in a lead's room or in a
 * thread under its card are fetched from Mattermost with the bot token, attached to the lead as the rep
 * who shared them and answered in the thread; with the room's logging on, what is said in a room goes on
 * its lead's timeline. Posts anywhere else are none of the bot's business.
 */
final class MattermostPosts {
    private static final Logger log = LoggerFactory.getLogger(MattermostPosts.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MattermostApi api;
    private final MattermostPeople people;
    private final ChatDesk desk;
    private final ChatFiles files;

    MattermostPosts(MattermostApi api, MattermostPeople people, ChatDesk desk, ChatFiles files) {
        this.api = api;
        this.people = people;
        this.desk = desk;
        this.files = files;
    }

    /** One post, as the webhook's fields ({@code channel_id}, {@code user_id}, {@code post_id}, {@code text}, {@code file_ids}). */
    void posted(Map<String, String> post) throws MattermostApi.Failed {
        String channel = post.getOrDefault("channel_id", "");
        String user = post.getOrDefault("user_id", "");
        if (channel.isEmpty() || user.isEmpty() || user.equals(api.botId())) {
            return;
        }
        List<String> fileIds = Arrays.stream(post.getOrDefault("file_ids", "").split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
        if (!fileIds.isEmpty()) {
            attach(channel, user, post.getOrDefault("post_id", ""), fileIds);
        }
        String text = post.getOrDefault("text", "");
        if (!text.isBlank() && files.leadAt(MattermostPeople.PLATFORM, channel, null).isPresent()) {
            people.who(user).rep().ifPresent(rep -> desk.heard(new ChatPlace(MattermostPeople.PLATFORM, channel), rep, text));
        }
    }

    private void attach(String channel, String user, String postId, List<String> fileIds) throws MattermostApi.Failed {
        String root = api.post(postId).path("root_id").asText("");
        Optional<LeadId> lead = files.leadAt(MattermostPeople.PLATFORM, channel, root.isEmpty() ? null : channel + "/" + root);
        if (lead.isEmpty()) {
            return;
        }
        MattermostPeople.Who who = people.who(user);
        ChatReply reply = who.rep().map(rep -> files.attach(lead.get(), rep, fileIds.stream().map(this::shared).toList()))
                .orElseGet(() -> ChatReply.text(who.whyNot()));
        // in the thread the files were shared in; in a room, under the post that shared them
        api.createPost(JSON.createObjectNode().put("channel_id", channel).put("root_id", root.isEmpty() ? postId : root)
                .put("message", MattermostText.markdown(reply.message())));
        log.info("Mattermost files shared on {} by {}: {}", lead.get(), user, reply.text());
    }

    private ChatFiles.Shared shared(String fileId) {
        try {
            JsonNode info = api.fileInfo(fileId);
            return new ChatFiles.Shared(info.path("name").asText(fileId), info.path("size").asLong(0), () -> api.file(fileId));
        } catch (MattermostApi.Failed e) {
            return new ChatFiles.Shared(fileId, 0, () -> {
                throw new IOException(e.getMessage());
            });
        }
    }
}
