package dev.leadline.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import dev.leadline.teams.TeamsTransport.Incoming;
import dev.leadline.teams.TeamsTransport.Kind;
import dev.leadline.teams.TeamsTransport.Message;
import dev.leadline.teams.TeamsTransport.SharedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bot Framework activities to and from our own types: what an incoming activity is (a message with
 * its mentions stripped, a card action with its verb and inputs, the app being added), which tenant
 * it comes from, and a message as an outgoing activity with Adaptive Card attachments.
 */
final class ActivityMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityMapping() {}

    static Incoming incoming(Activity activity, String tenant) {
        TeamsAddress address = new TeamsAddress(activity.getServiceUrl(), activity.getConversation() == null ? null
                : activity.getConversation().getId(), tenant,
                activity.getConversation() == null ? null : activity.getConversation().getConversationType());
        ChannelAccount from = activity.getFrom() == null ? new ChannelAccount() : activity.getFrom();
        Kind kind = Kind.OTHER;
        String text = null;
        String verb = null;
        Map<String, String> data = new LinkedHashMap<>();
        List<SharedFile> files = activity.isType(ActivityTypes.MESSAGE) ? files(activity) : List.of();
        if (activity.isType(ActivityTypes.MESSAGE) && (activity.getText() != null || !files.isEmpty())) {
            kind = Kind.MESSAGE;
            text = activity.getText() == null ? ""
                    : activity.getText().replaceAll("(?s)<at>.*?</at>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ").strip();
        } else if (activity.isType(ActivityTypes.INVOKE) && "adaptiveCard/action".equals(activity.getName())) {
            kind = Kind.CARD_ACTION;
            JsonNode action = JSON.valueToTree(activity.getValue()).path("action");
            verb = action.path("verb").asText("");
            action.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        } else if (botAdded(activity)) {
            kind = Kind.INSTALLED;
        }
        return new Incoming(kind, address, from.getId(), from.getAadObjectId(), from.getName(), text, verb, data, files,
                !"channel".equals(address.conversationType()) && !"groupChat".equals(address.conversationType()) || mentionsBot(activity));
    }

    /** Whether the message mentions the bot (in a channel, the bot hears other messages only with the app's consent to read them). */
    private static boolean mentionsBot(Activity activity) {
        String bot = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        return bot != null && activity.getMentions() != null && activity.getMentions().stream()
                .anyMatch(m -> m.getMentioned() != null && bot.equals(m.getMentioned().getId()));
    }

    /** Teams' content type of a file a user uploaded in personal chat (the app's manifest says {@code supportsFiles}). */
    static final String FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

    /** The files a message carries: uploads in personal chat (their {@code downloadUrl}) and pasted images (on the connector). */
    private static List<SharedFile> files(Activity activity) {
        if (activity.getAttachments() == null) {
            return List.of();
        }
        List<SharedFile> files = new java.util.ArrayList<>();
        for (Attachment attachment : activity.getAttachments()) {
            String type = attachment.getContentType() == null ? "" : attachment.getContentType();
            if (FILE_DOWNLOAD_INFO.equals(type)) {
                String url = JSON.valueToTree(attachment.getContent()).path("downloadUrl").asText("");
                if (!url.isEmpty()) {
                    files.add(new SharedFile(attachment.getName(), url, false));
                }
            } else if (type.startsWith("image/") && attachment.getContentUrl() != null) {
                files.add(new SharedFile(attachment.getName() == null ? "image." + type.substring(6) : attachment.getName(),
                        attachment.getContentUrl(), true));
            }
        }
        return files;
    }

    static boolean botAdded(Activity activity) {
        if (activity.isType(ActivityTypes.INSTALLATION_UPDATE)) {
            return activity.getAction() == null || activity.getAction().startsWith("add");
        }
        return activity.isType(ActivityTypes.CONVERSATION_UPDATE) && activity.getMembersAdded() != null && activity.getRecipient() != null
                && activity.getMembersAdded().stream().anyMatch(m -> activity.getRecipient().getId().equals(m.getId()));
    }

    static String tenantOf(Activity activity) {
        if (activity.getConversation() != null && activity.getConversation().getTenantId() != null) {
            return activity.getConversation().getTenantId();
        }
        try {
            var channelData = activity.teamsGetChannelData();
            return channelData == null || channelData.getTenant() == null ? null : channelData.getTenant().getId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static com.microsoft.bot.schema.Entity mention(TeamsTransport.Mention who) {
        com.microsoft.bot.schema.Mention mention = new com.microsoft.bot.schema.Mention();
        mention.setMentioned(new ChannelAccount(who.id(), who.name()));
        mention.setText(who.tag());
        return new com.microsoft.bot.schema.Entity().setAs(mention);
    }

    static Activity activity(Message message) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        activity.setText(message.text());
        activity.setTextFormat(com.microsoft.bot.schema.TextFormatTypes.MARKDOWN);
        if (!message.cards().isEmpty()) {
            activity.setAttachments(message.cards().stream().map(card -> {
                Attachment attachment = new Attachment();
                attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
                attachment.setContent(card);
                return attachment;
            }).toList());
            if (message.cards().size() > 1) {
                activity.setAttachmentLayout(com.microsoft.bot.schema.AttachmentLayoutTypes.LIST);
            }
        }
        if (!message.mentions().isEmpty()) {
            activity.setEntities(message.mentions().stream().map(ActivityMapping::mention).toList());
        }
        return activity;
    }
}
