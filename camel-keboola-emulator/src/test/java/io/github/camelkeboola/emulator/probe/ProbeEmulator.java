package io.github.camelkeboola.emulator.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator as a black box: a child JVM started through the standalone entry point exactly as a user would
 * ({@code java -jar ...-standalone.jar --port 0 --token T --provider P --data-dir D}); the stack URL is read from the
 * {@code listening on http://...} line. Without a built jar (IDE runs) the same main class runs from the test class path.
 */
final class ProbeEmulator implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final String baseUrl;
    private final String token;
    private final Path log;

    private ProbeEmulator(Process process, String baseUrl, String token, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.token = token;
        this.log = log;
    }

    static ProbeEmulator start(String provider) throws Exception {
        return start(provider, Files.createTempDirectory("keboola-probe-data"), "probe-" + UUID.randomUUID());
    }

    static ProbeEmulator start(String provider, Path dataDir, String token) throws Exception {
        Path log = Files.createTempFile("keboola-probe-" + provider, ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path jar = standaloneJar();
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.github.camelkeboola.emulator.KeboolaEmulatorMain");
        }
        command.addAll(List.of("--port", "0", "--token", token, "--provider", provider, "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("emulator exited before listening: " + Files.readString(log)));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "probe-emulator-stdout-" + provider);
        reader.setDaemon(true);
        reader.start();
        try {
            return new ProbeEmulator(process, url.get(60, TimeUnit.SECONDS), token, log);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("emulator (" + provider + ") did not start; log " + log + ":\n"
                    + Files.readString(log), e);
        }
    }

    /** The shaded jar given by failsafe, else the one in target/, else none. */
    private static Path standaloneJar() throws IOException {
        String given = System.getProperty("standalone.jar");
        if (given != null && Files.isRegularFile(Path.of(given))) {
            return Path.of(given);
        }
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-standalone.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        return null;
    }

    String baseUrl() {
        return baseUrl;
    }

    String token() {
        return token;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
