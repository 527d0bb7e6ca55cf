package dev.leadline.core.report;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.input.UnsynchronizedByteArrayInputStream;
import org.apache.commons.io.output.UnsynchronizedByteArrayOutputStream;

/**
 * Counts by key: what a lead adds to the reports (its tally), the change of a lead's tally, or a sum of
 * tallies kept for one hour or day. A key is the UTC hour (hours since the epoch), the queue and rep
 * (0: none), the lead's source and campaign ("" none), a metric and its detail ("" none); each key holds
 * a count and, for conversions, an amount. Keys whose count and amount are both zero are not kept.
 */
public final class Tally {
    public record Key(long hour, long queueId, long repId, String source, String campaign, String metric, String detail) {}

    /** Receives a tally's entries one by one. */
    public interface Sink {
        void add(long hour, long queueId, long repId, String source, String campaign, String metric, String detail, long n, BigDecimal amount);
    }

    private final Map<Key, long[]> counts = new LinkedHashMap<>();
    private final Map<Key, BigDecimal> amounts = new HashMap<>();

    public void add(Key key, long n, BigDecimal amount) {
        long[] count = counts.computeIfAbsent(key, k -> new long[1]);
        count[0] += n;
        if (amount != null) {
            amounts.merge(key, amount, BigDecimal::add);
        }
        if (count[0] == 0 && (amounts.get(key) == null || amounts.get(key).signum() == 0)) {
            counts.remove(key);
            amounts.remove(key);
        }
    }

    /** Adds {@code sign} (1 or -1) times every entry of {@code other}. */
    public void add(Tally other, int sign) {
        other.each((hour, q, r, s, c, metric, detail, n, amount) -> add(new Key(hour, q, r, s, c, metric, detail), sign * n,
                amount == null ? null : sign < 0 ? amount.negate() : amount));
    }

    /** What turns {@code before} into {@code after}. */
    public static Tally change(Tally before, Tally after) {
        Tally change = new Tally();
        change.add(after, 1);
        change.add(before, -1);
        return change;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public int size() {
        return counts.size();
    }

    public void each(Sink sink) {
        counts.forEach((k, n) -> sink.add(k.hour(), k.queueId(), k.repId(), k.source(), k.campaign(), k.metric(), k.detail(), n[0], amounts.get(k)));
    }

    public Map<Key, Long> counts() {
        Map<Key, Long> out = new LinkedHashMap<>();
        counts.forEach((k, n) -> out.put(k, n[0]));
        return out;
    }

    public BigDecimal amount(Key key) {
        return amounts.get(key);
    }

    /** A compact form: a table of the texts, then each entry with its texts by number. */
    public byte[] encode() {
        Map<String, Integer> texts = new LinkedHashMap<>();
        for (Key k : counts.keySet()) {
            for (String t : List.of(k.source(), k.campaign(), k.metric(), k.detail())) {
                texts.putIfAbsent(t, texts.size());
            }
        }
        // unsynchronized: DataOutputStream writes a byte at a time, and ByteArrayOutputStream locks for each
        UnsynchronizedByteArrayOutputStream bytes = unsynchronizedOut(32 + counts.size() * 12);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeVar(out, texts.size());
            for (String t : texts.keySet()) {
                out.writeUTF(t);
            }
            writeVar(out, counts.size());
            for (Map.Entry<Key, long[]> e : counts.entrySet()) {
                Key k = e.getKey();
                writeVar(out, k.hour());
                writeVar(out, k.queueId());
                writeVar(out, k.repId());
                writeVar(out, texts.get(k.source()));
                writeVar(out, texts.get(k.campaign()));
                writeVar(out, texts.get(k.metric()));
                writeVar(out, texts.get(k.detail()));
                writeVar(out, zigzag(e.getValue()[0]));
                BigDecimal amount = amounts.get(k);
                out.writeUTF(amount == null ? "" : amount.toPlainString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Tally decode(byte[] bytes) {
        Tally tally = new Tally();
        if (bytes != null) {
            decode(bytes, (hour, q, r, s, c, metric, detail, n, amount) -> tally.add(new Key(hour, q, r, s, c, metric, detail), n, amount));
        }
        return tally;
    }

    /** Reads an encoded tally entry by entry, without building it. */
    public static void decode(byte[] bytes, Sink sink) {
        try (DataInputStream in = new DataInputStream(unsynchronizedIn(bytes))) {
            int n = (int) readVar(in);
            List<String> texts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                texts.add(in.readUTF());
            }
            long entries = readVar(in);
            for (long i = 0; i < entries; i++) {
                long hour = readVar(in);
                long queue = readVar(in);
                long rep = readVar(in);
                String source = texts.get((int) readVar(in));
                String campaign = texts.get((int) readVar(in));
                String metric = texts.get((int) readVar(in));
                String detail = texts.get((int) readVar(in));
                long count = unzigzag(readVar(in));
                String amount = in.readUTF();
                sink.add(hour, queue, rep, source, campaign, metric, detail, count, amount.isEmpty() ? null : new BigDecimal(amount));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UnsynchronizedByteArrayOutputStream unsynchronizedOut(int size) {
        return UnsynchronizedByteArrayOutputStream.builder().setBufferSize(size).get();
    }

    private static UnsynchronizedByteArrayInputStream unsynchronizedIn(byte[] bytes) {
        try {
            return UnsynchronizedByteArrayInputStream.builder().setByteArray(bytes).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVar(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVar(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }
}
