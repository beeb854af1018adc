package io.github.camelkeboola.examples.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** {@code java -jar} in a process of its own, its output in a log file the test reads. */
final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static JarProcess start(Path jar, List<String> jvmOptions, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new JarProcess(builder.start(), log);
    }

    /** Waits for a line of output matching the pattern; fails early if the process ends first. */
    Matcher awaitOutput(Pattern pattern, Duration patience) {
        return await().atMost(patience).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + ":\n" + output());
            }
            return output().lines().map(pattern::matcher).filter(Matcher::find).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as a container runtime or systemd stops an app; the exit code once it has ended. */
    int stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("did not stop within " + patience + ": " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
