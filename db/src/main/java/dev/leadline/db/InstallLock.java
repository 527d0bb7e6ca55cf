package dev.leadline.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One embedded MariaDB installs at a time on this machine. {@code mariadb-install-db} keeps its
 * temporary tables in the system's temporary directory, and another install starting meanwhile clears
 * leftover {@code #sql} files there, breaking the first ("Error on delete of '/tmp/#sql-temptable-...'"):
 * seen with two test JVMs creating their databases at once. A running {@code mariadbd} has its own
 * temporary directory, so starts need no lock.
 */
final class InstallLock implements AutoCloseable {
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private final FileChannel channel;
    private final FileLock lock;

    private InstallLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InstallLock acquire() throws IOException {
        IN_THIS_JVM.lock();
        try {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "leadline-mariadb-install.lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new InstallLock(channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            IN_THIS_JVM.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
