package dev.leadline.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the Teams bot needs from the Bot Framework, in our own types: receive one authenticated
 * activity, send and replace messages. {@link BotFrameworkTransport} is the only class that touches
 * the Bot Framework SDK, so replacing the SDK means replacing that class.
 */
public interface TeamsTransport {
    /**
     * Authenticates one {@code POST /api/messages} (JWT from the Bot Framework), hands the activity to
     * the handler and says what to answer. Unauthenticated requests never reach the handler.
     */
    CompletableFuture<HttpAnswer> receive(String authorization, String body, TurnHandler handler);

    /**
     * Posts a new message to a conversation; returns the new activity's id, or empty when the
     * connector accepted the message without giving one (the Agents Playground answers 202 so).
     */
    Optional<String> send(TeamsAddress to, Message message) throws CallFailed;

    /** Replaces a message already posted. */
    void update(TeamsAddress to, String activityId, Message message) throws CallFailed;

    /**
     * Starts a new conversation (a thread) in a team's channel ({@code channel}'s conversation id) with
     * {@code first} as its first message: the Bot Framework's {@code createConversation} with
     * {@code isGroup} and the channel in {@code channelData}.
     */
    ChannelThread startThread(TeamsAddress channel, Message first) throws CallFailed;

    /** A thread started in a channel: its conversation id ({@code 19:...;messageid=...}) and its first message's id. */
    record ChannelThread(String conversationId, String activityId) {}

    /** Runs the bot for one incoming activity. */
    @FunctionalInterface
    interface TurnHandler {
        /** Handles the activity; the answer matters only for card actions (invokes). */
        InvokeAnswer onTurn(Incoming incoming, Turn turn);
    }

    /** What the handler can do within the turn. */
    interface Turn {
        /** Answers in the conversation the activity came from. */
        void reply(Message message);

        /** The sender's Teams profile (email, UPN), asked of the Bot Framework. */
        Optional<Member> sender();

        /**
         * A file sent with the activity: a pre-authenticated download address (a file uploaded in
         * personal chat), or content on the connector, fetched with the bot's token (a pasted image).
         */
        java.io.InputStream download(SharedFile file) throws java.io.IOException;
    }

    /** Kinds of incoming activity the bot acts on. */
    enum Kind { MESSAGE, CARD_ACTION, INSTALLED, OTHER }

    /**
     * One activity: the conversation to answer in, who sent it, and either text (mentions already
     * stripped) or a card action's verb and data. {@code addressed}: the bot was spoken to (a personal
     * chat, or a message that mentions it), not merely heard in a channel.
     */
    record Incoming(Kind kind, TeamsAddress conversation, String userId, String aadObjectId, String userName, String text,
                    String verb, Map<String, String> data, java.util.List<SharedFile> files, boolean addressed) {
        public Incoming {
            data = Map.copyOf(data);
            files = java.util.List.copyOf(files);
        }

        public Incoming(Kind kind, TeamsAddress conversation, String userId, String aadObjectId, String userName, String text,
                        String verb, Map<String, String> data) {
            this(kind, conversation, userId, aadObjectId, userName, text, verb, data, java.util.List.of(), true);
        }

        public boolean personal() {
            return "personal".equals(conversation.conversationType());
        }
    }

    /**
     * A file attached to a message: its name, where to fetch it, and whether that address is the
     * connector's (fetched with the bot's token) or pre-authenticated (fetched without one).
     */
    record SharedFile(String name, String url, boolean onConnector) {}

    /** The sender as Teams knows them. */
    record Member(String aadObjectId, String email, String userPrincipalName) {}

    /** A message: text, Adaptive Cards as attachments, and the people its text mentions ({@code <at>Name</at>}). */
    record Message(String text, List<ObjectNode> cards, List<Mention> mentions) {
        public Message {
            cards = List.copyOf(cards);
            mentions = List.copyOf(mentions);
        }

        public Message(String text, List<ObjectNode> cards) {
            this(text, cards, List.of());
        }

        public static Message text(String text) {
            return new Message(text, List.of());
        }
    }

    /** Someone a message mentions: their Teams user id ({@code 29:...}) or Entra object id, and the name its text shows in {@code <at>}. */
    record Mention(String id, String name) {
        public String tag() {
            return "<at>" + name + "</at>";
        }
    }

    /** The answer to a card action: a card that replaces the one clicked, or a short message. */
    record InvokeAnswer(ObjectNode card, String message) {
        public static InvokeAnswer card(ObjectNode card) {
            return new InvokeAnswer(card, null);
        }

        public static InvokeAnswer message(String message) {
            return new InvokeAnswer(null, message);
        }
    }

    /** The HTTP answer to the Bot Framework. */
    record HttpAnswer(int status, String body) {}

    /**
     * A call to the Bot Framework failed; {@code status} 0 when it was not answered at all, and then
     * {@code mayHaveArrived} when the request went out but no answer came back in time.
     */
    final class CallFailed extends Exception {
        private final int status;
        private final Duration retryAfter;
        private final boolean mayHaveArrived;

        public CallFailed(int status, Duration retryAfter, String message, Throwable cause) {
            this(status, retryAfter, false, message, cause);
        }

        public CallFailed(int status, Duration retryAfter, boolean mayHaveArrived, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.retryAfter = retryAfter;
            this.mayHaveArrived = mayHaveArrived;
        }

        public boolean mayHaveArrived() {
            return mayHaveArrived;
        }

        public int status() {
            return status;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
