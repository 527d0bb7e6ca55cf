package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only a MariaDB server started on this very data directory is taken for this data directory's server. */
class MariaDbProcessesTest {
    private static final Path DATA = Path.of("/srv/leadline/data/mariadb");

    @Test
    void aMariaDbServerNamingThisDataDirectoryIsRecognisedInAnySpelling() {
        assertThat(MariaDbProcesses.serving(DATA, Stream.of(
                process(1, "/srv/leadline/data/mariadb-base/bin/mariadbd", "--no-defaults", "--datadir=/srv/leadline/data/mariadb"),
                process(2, "/srv/leadline/data/mariadb-base/bin/mariadbd (deleted)", "--datadir=/srv/leadline/./data/mariadb"),
                process(3, "/opt/old/bin/mysqld", "--datadir=/srv/leadline/data/mariadb/"))))
                .extracting(ProcessHandle::pid).containsExactly(1L, 2L, 3L);
    }

    @Test
    void otherDataDirectoriesAndOtherProgramsAreLeftAlone() {
        assertThat(MariaDbProcesses.serving(DATA, Stream.of(
                process(1, "/usr/sbin/mariadbd", "--datadir=/srv/leadline/data/mariadb2"),
                process(2, "/usr/sbin/mariadbd", "--datadir=/srv/leadline/data"),
                process(3, "/usr/bin/tail", "--datadir=/srv/leadline/data/mariadb"),
                process(4, "/usr/sbin/mariadbd", "--tmpdir=/srv/leadline/data/mariadb"),
                process(5, null)))).isEmpty();
    }

    private static ProcessHandle process(long pid, String command, String... arguments) {
        return new FakeProcess(pid, new ProcessHandle.Info() {
            @Override
            public Optional<String> command() {
                return Optional.ofNullable(command);
            }

            @Override
            public Optional<String> commandLine() {
                return Optional.empty();
            }

            @Override
            public Optional<String[]> arguments() {
                return command == null ? Optional.empty() : Optional.of(arguments);
            }

            @Override
            public Optional<Instant> startInstant() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> totalCpuDuration() {
                return Optional.empty();
            }

            @Override
            public Optional<String> user() {
                return Optional.empty();
            }
        });
    }

    private record FakeProcess(long pid, Info info) implements ProcessHandle {
        @Override
        public Optional<ProcessHandle> parent() {
            return Optional.empty();
        }

        @Override
        public Stream<ProcessHandle> children() {
            return Stream.empty();
        }

        @Override
        public Stream<ProcessHandle> descendants() {
            return Stream.empty();
        }

        @Override
        public CompletableFuture<ProcessHandle> onExit() {
            return new CompletableFuture<>();
        }

        @Override
        public boolean supportsNormalTermination() {
            return true;
        }

        @Override
        public boolean destroy() {
            throw new AssertionError("recognising a process must not stop it");
        }

        @Override
        public boolean destroyForcibly() {
            throw new AssertionError("recognising a process must not stop it");
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public int compareTo(ProcessHandle other) {
            return Long.compare(pid, other.pid());
        }
    }
}
