package io.github.camelkeboola.emulator.storage;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.camelkeboola.emulator.fault.FaultInjector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} on a free loopback port behind a {@link FaultingFrontend}, which is what clients talk to:
 * how the {@code azure} and {@code gcp} flavours serve their REST APIs.
 */
final class FrontedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final FaultingFrontend frontend;

    private FrontedHttpServer(HttpServer server, ExecutorService threads, FaultingFrontend frontend) {
        this.server = server;
        this.threads = threads;
        this.frontend = frontend;
    }

    /** {@code name} names the frontend, {@code threadPrefix} the server's daemon threads. */
    static FrontedHttpServer start(String name, String threadPrefix, HttpHandler handler, FaultInjector faults,
                                   FaultingFrontend.ErrorRenderer errors) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", handler);
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadPrefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
        FrontedHttpServer started = new FrontedHttpServer(server, threads,
                new FaultingFrontend(name, server.getAddress().getPort(), faults, errors, null));
        try {
            started.frontend.start();
        } catch (IOException | RuntimeException e) {
            // The caller gets no handle to close: do not leave the server running.
            started.close();
            throw e;
        }
        return started;
    }

    /** The frontend's port. */
    int port() {
        return frontend.port();
    }

    @Override
    public void close() {
        frontend.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
