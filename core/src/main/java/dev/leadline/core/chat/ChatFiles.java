package dev.leadline.core.chat;

import dev.leadline.core.common.LeadlineException;
import dev.leadline.core.files.FileOutcome;
import dev.leadline.core.files.FileReceiver;
import dev.leadline.core.files.FileRules;
import dev.leadline.core.files.FileService;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.Rep;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files shared in chat, in a lead's thread or room, attached to the lead as the rep who shared them, with
 * the same limits and checks as an upload. The platform describes each file and how to fetch it; a file
 * larger than the limit is refused without being fetched. The answer says what became of each file.
 */
public final class ChatFiles {
    private static final Logger log = LoggerFactory.getLogger(ChatFiles.class);
    private final FileService files;
    private final FileReceiver receiver;
    private final CardPlaces places;

    public ChatFiles(FileService files, FileReceiver receiver, CardPlaces places) {
        this.files = files;
        this.receiver = receiver;
        this.places = places;
    }

    /** A file shared in chat: its name, its size as the platform says (0 when it does not), and how to fetch it. */
    public record Shared(String name, long size, Fetch content) {}

    /** Fetches a shared file's content from the platform (with the bot's credentials). */
    public interface Fetch {
        InputStream open() throws IOException;
    }

    /**
     * The lead a place in chat belongs to: the lead whose room the channel ({@code channel}) is, else the
     * lead whose card the thread hangs under ({@code threadRef}: the card's message, as the platform's
     * notifier records it; null outside a thread).
     */
    public Optional<LeadId> leadAt(String platform, String channel, String threadRef) {
        Optional<LeadId> room = places.leadOfRoom(platform, channel);
        return room.isPresent() || threadRef == null ? room : places.leadOfMessage(platform, threadRef);
    }

    /** Attaches the files to the lead as the rep; one line per file for the thread. */
    public ChatReply attach(LeadId lead, Rep rep, List<Shared> shared) {
        List<String> lines = new ArrayList<>();
        boolean refused = false;
        for (Shared file : shared) {
            String line = attachOne(lead, rep, file);
            refused |= !line.startsWith(ATTACHED) && !line.startsWith(ALREADY);
            lines.add(line);
        }
        return new ChatReply(Rich.of(String.join("\n", lines)), List.of(), refused);
    }

    private static final String ATTACHED = "Attached ";
    private static final String ALREADY = "Already on ";

    private String attachOne(LeadId lead, Rep rep, Shared file) {
        String name = FileRules.safeName(file.name());
        long max = files.rules().maxFileBytes();
        if (file.size() > max) {
            return "Not attached: " + name + " is " + megabytes(file.size()) + "; files may be at most " + megabytes(max) + ".";
        }
        try (InputStream in = file.content().open(); FileReceiver.Received received = receiver.receive(in, file.name())) {
            FileOutcome outcome = files.attach(lead, received.upload(), rep);
            if (outcome instanceof FileOutcome.Attached attached) {
                return ATTACHED + attached.file().name() + " to " + lead + " (" + megabytes(attached.file().size()) + ").";
            }
            if (outcome instanceof FileOutcome.AlreadyAttached already) {
                return ALREADY + lead + ": " + name + " (as " + already.file().name() + ").";
            }
            return "Not attached: " + ((FileOutcome.Refused) outcome).reason() + ".";
        } catch (LeadlineException e) {
            return "Not attached: " + e.getMessage();
        } catch (IOException e) {
            log.warn("Could not fetch {} shared on lead {}: {}", name, lead, e.getMessage());
            return "Not attached: " + name + " could not be fetched from chat; try again, or upload it in the console.";
        }
    }

    private static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? Math.max(1, bytes / 1024) + " KB" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
