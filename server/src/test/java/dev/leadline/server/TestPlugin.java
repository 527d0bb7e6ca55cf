package dev.leadline.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real pf4j plugin archive in a test: compiles the given sources against the SPI (pf4j's
 * annotation processor writes the extension index) and zips them with their plugin.properties, as a
 * third-party plugin's build would.
 */
public final class TestPlugin {
    private TestPlugin() {}

    /** {@code sources}: simple class name → Java source in package {@code test.plugin}. */
    public static Path build(Path dir, String id, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve(id + "-src/test/plugin"));
        Path classes = Files.createDirectories(dir.resolve(id + "-classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                "-proc:full", "-nowarn"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey() + ".java");
            Files.writeString(file, "package test.plugin;\n" + source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the test plugin " + id + " does not compile");
        }
        Path zip = dir.resolve(id + "-1.0.0.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("plugin.properties"));
            z.write(("plugin.id=" + id + "\nplugin.version=1.0.0\nplugin.requires=>=1.0.0 & <2.0.0\nplugin.description=test plugin\n")
                    .getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            try (var files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    z.putNextEntry(new ZipEntry("classes/" + classes.relativize(f).toString().replace('\\', '/')));
                    z.write(Files.readAllBytes(f));
                    z.closeEntry();
                }
            }
        }
        return zip;
    }
}
