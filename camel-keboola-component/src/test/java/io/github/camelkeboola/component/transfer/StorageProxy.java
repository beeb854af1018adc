package io.github.camelkeboola.component.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of a real storage server (S3Proxy, Azurite, the emulator): records every request
 * (to assert what reached the storage) and can cut a response body after some bytes or answer an error instead,
 * to exercise resumption and retries over a real network connection. Handles one request per client connection
 * (it tells both sides {@code Connection: close}), which keeps the framing trivial.
 */
final class StorageProxy implements AutoCloseable {

    /** A request as it reached the proxy: the request line, headers (names lower case) and the body size. */
    record Recorded(String method, String target, Map<String, String> headers, String rawHead, long bodyLength) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
    }

    private record Rule(Predicate<Recorded> matches, long cutAfterBodyBytes, int status, AtomicInteger remaining) {
    }

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "storage-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean ignoreRange;
    private final List<HeadRewrite> headRewrites = new CopyOnWriteArrayList<>();

    private record HeadRewrite(Predicate<Recorded> matches, java.util.function.UnaryOperator<String> rewrite, AtomicInteger remaining) {
    }

    StorageProxy(String upstreamUrl) throws IOException {
        URI upstream = URI.create(upstreamUrl);
        this.upstreamHost = upstream.getHost();
        this.upstreamPort = upstream.getPort();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:port}: what the client is told the storage is. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    void clearRecorded() {
        requests.clear();
    }

    /** Answers {@code times} matching requests with the upstream response cut after {@code afterBodyBytes} body bytes. */
    void cutResponse(Predicate<Recorded> matches, long afterBodyBytes, int times) {
        rules.add(new Rule(matches, afterBodyBytes, 0, new AtomicInteger(times)));
    }

    /** Answers {@code times} matching requests with {@code status} without forwarding them. */
    void failWith(Predicate<Recorded> matches, int status, int times) {
        rules.add(new Rule(matches, -1, status, new AtomicInteger(times)));
    }

    /** Rewrites the response head (status line and headers) of {@code times} matching requests. */
    void rewriteResponseHead(Predicate<Recorded> matches, java.util.function.UnaryOperator<String> rewrite, int times) {
        headRewrites.add(new HeadRewrite(matches, rewrite, new AtomicInteger(times)));
    }

    /** From now on forwards requests without their {@code Range}: the storage answers whole objects, as some servers do. */
    void ignoreRange() {
        ignoreRange = true;
    }

    /** How many responses were cut so far. */
    int cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.submit(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder forwardedHead = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                headers.put(name, lines[i].substring(colon + 1).strip());
                if (!name.equals("connection") && !(ignoreRange && name.equals("range"))) {
                    forwardedHead.append(lines[i]).append("\r\n");
                }
            }
            forwardedHead.append("Connection: close\r\n\r\n");
            long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes((int) length);
            Recorded recorded = new Recorded(requestLine[0], requestLine[1], headers, head, length);
            requests.add(recorded);

            Rule rule = rules.stream().filter(r -> r.matches.test(recorded) && r.remaining.getAndDecrement() > 0).findFirst().orElse(null);
            if (rule != null && rule.status > 0) {
                byte[] error = ("<?xml version=\"1.0\"?><Error><Code>InjectedFailure</Code><Message>injected by the test</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + rule.status + " Injected\r\nContent-Type: application/xml\r\nContent-Length: " + error.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(error);
                return;
            }
            try (Socket upstream = new Socket(upstreamHost, upstreamPort);
                 InputStream upIn = upstream.getInputStream(); OutputStream upOut = upstream.getOutputStream()) {
                upOut.write(forwardedHead.toString().getBytes(StandardCharsets.ISO_8859_1));
                upOut.write(body);
                upOut.flush();
                String responseHead = readHead(upIn);
                if (responseHead == null) {
                    return;
                }
                for (HeadRewrite rewrite : headRewrites) {
                    if (rewrite.matches.test(recorded) && rewrite.remaining.getAndDecrement() > 0) {
                        responseHead = rewrite.rewrite.apply(responseHead);
                    }
                }
                StringBuilder head2 = new StringBuilder();
                for (String line : responseHead.split("\r\n")) {
                    if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                        head2.append(line).append("\r\n");
                    }
                }
                head2.append("Connection: close\r\n\r\n");
                out.write(head2.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (rule != null) {
                    byte[] part = upIn.readNBytes((int) rule.cutAfterBodyBytes);
                    out.write(part);
                    out.flush();
                    cuts.incrementAndGet();
                    // Reset rather than a clean close: the client sees the connection die mid-body.
                    client.setSoLinger(true, 0);
                    return;
                }
                upIn.transferTo(out);
            }
        } catch (IOException e) {
            // the client or the upstream went away: nothing to forward any more
        }
    }

    /** Reads up to and including the blank line; returns the head without it, or null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    static List<String> paths(List<Recorded> recorded) {
        List<String> paths = new ArrayList<>();
        recorded.forEach(r -> paths.add(r.method() + " " + r.path()));
        return paths;
    }
}
