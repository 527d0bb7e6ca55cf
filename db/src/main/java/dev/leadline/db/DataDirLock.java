package dev.leadline.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock on {@code embedded-db.lock} that a process running the embedded MariaDB holds for as long
 * as it runs. The operating system releases it when the process dies, even by {@code kill -9}: a
 * free lock means no live Leadline owns the data directory.
 */
public final class DataDirLock implements AutoCloseable {
    private static final String FILE = "embedded-db.lock";
    /** The lock files this JVM holds: opening another channel on one and closing it would drop the lock (POSIX). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or this one) holds it. */
    static synchronized Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE).toAbsolutePath().normalize();
        if (HELD.contains(file)) {
            return Optional.empty();
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                HELD.add(file);
                return Optional.of(new DataDirLock(file, channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        channel.close();
        return Optional.empty();
    }

    /** True when a live process runs the embedded MariaDB on {@code dataDir}. */
    public static boolean isHeld(Path dataDir) {
        try {
            Optional<DataDirLock> lock = tryAcquire(dataDir);
            lock.ifPresent(DataDirLock::close);
            return lock.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel or the process
        } finally {
            HELD.remove(file);
        }
    }
}
