package io.github.camelkeboola.emulator.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The Keboola Storage API emulator in a Docker container, for tests that want it out of their own JVM.
 * <p>
 * The image is built on the fly from the emulator's standalone jar
 * ({@code camel-keboola-emulator-VERSION-standalone.jar}) on top of a Java 17 runtime image.
 * The container uses the host's network: the emulator hands out file-storage URLs on loopback ports it opens
 * itself, and those must work from the test JVM as they are. So it runs only where Docker runs on the same host
 * (Linux), and it listens on a free host port chosen when the container is created.
 */
public class KeboolaEmulatorContainer extends GenericContainer<KeboolaEmulatorContainer> {

    /** Base image used when none is given: any image whose {@code java} on the PATH is Java 17 or newer. */
    public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    private static final String JAR_IN_IMAGE = "/opt/keboola-emulator/emulator.jar";
    private static final Set<String> PROVIDERS = Set.of("aws", "azure", "gcp");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private String token = "emulator-" + UUID.randomUUID();
    private String provider = "aws";

    public KeboolaEmulatorContainer(Path standaloneJar) {
        this(standaloneJar, DEFAULT_BASE_IMAGE);
    }

    public KeboolaEmulatorContainer(Path standaloneJar, String baseImage) {
        super(image(standaloneJar, baseImage));
        this.port = freeLoopbackPort();
        withNetworkMode("host");
        // Host networking has no mapped ports, so readiness comes from the emulator's own log line
        // ((?s): a log frame ends with its newline).
        waitingFor(Wait.forLogMessage("(?s).*listening on http://127\\.0\\.0\\.1:" + port + "\\b.*", 1)
                .withStartupTimeout(STARTUP_TIMEOUT));
    }

    /** Master token of the emulator; a random one by default. */
    public KeboolaEmulatorContainer withToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        this.token = token;
        return self();
    }

    /** File storage the emulator imitates: {@code aws} (default), {@code azure} or {@code gcp}. */
    public KeboolaEmulatorContainer withProvider(String provider) {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("provider must be one of " + PROVIDERS + ", was: " + provider);
        }
        this.provider = provider;
        return self();
    }

    /** The stack URL, e.g. {@code http://127.0.0.1:41234}. */
    public String getBaseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String getToken() {
        return token;
    }

    public String getProvider() {
        return provider;
    }

    @Override
    protected void configure() {
        setCommand("--port", Integer.toString(port), "--token", token, "--provider", provider);
    }

    private static ImageFromDockerfile image(Path standaloneJar, String baseImage) {
        Objects.requireNonNull(standaloneJar, "standaloneJar");
        Objects.requireNonNull(baseImage, "baseImage");
        if (!Files.isRegularFile(standaloneJar)) {
            throw new IllegalArgumentException("Emulator standalone jar not found: " + standaloneJar.toAbsolutePath()
                    + " (built by 'mvn package' in camel-keboola-emulator)");
        }
        return new ImageFromDockerfile()
                .withFileFromPath("emulator.jar", standaloneJar)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(baseImage)
                        .copy("emulator.jar", JAR_IN_IMAGE)
                        .entryPoint("java", "-jar", JAR_IN_IMAGE)
                        .build());
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for the emulator container", e);
        }
    }
}
