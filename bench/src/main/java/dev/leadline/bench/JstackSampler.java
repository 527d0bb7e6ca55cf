package dev.leadline.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** A {@code jstack} of a process every 2 s into {@code dir/stack-NNN.txt} until interrupted: where a server's threads wait. */
final class JstackSampler extends Thread {
    private final long pid;
    private final Path dir;

    JstackSampler(long pid, Path dir) {
        super("jstack-sampler");
        setDaemon(true);
        this.pid = pid;
        this.dir = dir;
    }

    @Override
    public void run() {
        String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
        try {
            Files.createDirectories(dir);
            for (int i = 0; !isInterrupted(); i++) {
                new ProcessBuilder(jstack, Long.toString(pid)).redirectErrorStream(true)
                        .redirectOutput(dir.resolve(String.format("stack-%03d.txt", i)).toFile()).start().waitFor();
                Thread.sleep(2000);
            }
        } catch (InterruptedException e) {
            // the job is done
        } catch (Exception e) {
            System.out.println("  jstack failed: " + e);
        }
    }
}
