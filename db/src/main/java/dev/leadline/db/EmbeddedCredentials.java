package dev.leadline.db;

import dev.leadline.core.common.LeadlineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The embedded MariaDB's only network account, {@code root@127.0.0.1}, and its password: generated
 * at the first start and kept in {@code embedded-db.password} (mode 0600) in the data directory
 * (mode 0700), so that only the owner of the data directory can connect.
 */
public record EmbeddedCredentials(String user, String password) {
    static final String USER = "root";
    private static final String FILE = "embedded-db.password";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** The credentials kept in {@code dataDir}, as a CLI command beside a running server reads them. */
    public static EmbeddedCredentials read(Path dataDir) {
        try {
            return new EmbeddedCredentials(USER, Files.readString(dataDir.resolve(FILE)).strip());
        } catch (IOException e) {
            throw new LeadlineException("cannot read the embedded database's password in " + dataDir.resolve(FILE)
                    + " (run as the user who owns LEADLINE_DATA_DIR): " + e.getMessage(), e);
        }
    }

    /** The credentials kept in {@code dataDir}, generated if there are none; the directory and file are made private. */
    static EmbeddedCredentials readOrCreate(Path dataDir) throws IOException {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            Path draft = Files.createTempFile(dataDir, FILE, ".new", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(draft, generated() + "\n");
            Files.move(draft, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return read(dataDir);
    }

    /**
     * SQL that MariaDB runs at every start ({@code --init-file}): it gives {@code root@127.0.0.1}
     * this password (as its hash, so the file holds no password) and drops the anonymous accounts.
     * A data directory from before, whose server ran without grant tables, is secured by its next start.
     */
    String initSql() {
        String account = "'" + user + "'@'127.0.0.1'";
        return "CREATE OR REPLACE USER " + account + " IDENTIFIED BY PASSWORD '" + nativePasswordHash() + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;\n"
                + "DELETE FROM mysql.global_priv WHERE User = '';\n"
                + "FLUSH PRIVILEGES;\n";
    }

    /** {@code mysql_native_password}'s stored form: {@code *} and the hex of SHA-1 of SHA-1 of the password. */
    String nativePasswordHash() {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] twice = sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
            return "*" + HexFormat.of().withUpperCase().formatHex(twice);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[user=" + user + "]";
    }

    private static String generated() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
