package io.github.camelkeboola.emulator.storage;

import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback address clients see for a file storage server: forwards each HTTP/1.1 request byte for byte
 * (so signatures over {@code Host} stay valid) to the real server behind it, and applies the
 * {@link FaultTarget#FILE_STORAGE} faults of the injector on the way. Bodies are streamed, never buffered.
 * Every connection carries one request ({@code Connection: close} towards both sides), so each request is
 * looked at for faults.
 */
final class FaultingFrontend implements Closeable {

    /** The provider's own error response for an injected status: content type, body, extra header lines. */
    record ErrorResponse(String contentType, String body, List<String> headers) {
    }

    /** Renders the provider's own error response for an injected status. */
    interface ErrorRenderer {
        ErrorResponse render(int status);
    }

    /** Optionally refuses a request from its head alone (method, target, headers), before any body is read. */
    interface RequestGuard {
        Optional<byte[]> refuse(RequestHead head);
    }

    /** A parsed request head. */
    record RequestHead(String method, String target, String headText) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** The path percent-decoded ({@code +} kept), as fault rules match it. */
        String decodedPath() {
            return URLDecoder.decode(path().replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        /** First value of a header, case-insensitive; null when absent. */
        String header(String name) {
            for (String line : headText.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaultingFrontend.class);
    private static final int MAX_HEAD = 64 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final long MAX_DRAIN = 256L * 1024 * 1024;

    private final String name;
    private final int backendPort;
    private final FaultInjector faults;
    private final ErrorRenderer errors;
    private final RequestGuard guard;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    FaultingFrontend(String name, int backendPort, FaultInjector faults, ErrorRenderer errors, RequestGuard guard) {
        this.name = name;
        this.backendPort = backendPort;
        this.faults = faults;
        this.errors = errors;
        this.guard = guard == null ? head -> Optional.empty() : guard;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-frontend-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts listening on a free loopback port; returns it. */
    int start() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
        return server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing {} frontend", name, e);
        }
        // Blocking socket reads ignore interrupts: closing the sockets is what ends their threads.
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Closing a {} frontend connection", name, e);
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("{} frontend accept failed", name, e);
                }
            } catch (RuntimeException e) {
                // executor shut down while accepting: we are closing
                return;
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try (client) {
            client.setTcpNoDelay(true);
            InputStream fromClient = new BufferedInputStream(client.getInputStream(), BUFFER);
            OutputStream toClient = client.getOutputStream();
            byte[] rawHead = readHead(fromClient);
            if (rawHead == null) {
                return;
            }
            RequestHead head = parse(new String(rawHead, StandardCharsets.ISO_8859_1));
            Optional<Fault> fault = faults.take(FaultTarget.FILE_STORAGE, head.method(), head.decodedPath());
            if (fault.isPresent() && fault.get().kind() == Fault.Kind.DELAY) {
                Thread.sleep(fault.get().duration().toMillis());
            }
            if (fault.isPresent() && (fault.get().kind() == Fault.Kind.STATUS || fault.get().kind() == Fault.Kind.MAINTENANCE)) {
                drainBody(head, fromClient);
                writeError(toClient, fault.get());
                return;
            }
            Optional<byte[]> refusal = guard.refuse(head);
            if (refusal.isPresent()) {
                drainBody(head, fromClient);
                toClient.write(refusal.get());
                toClient.flush();
                return;
            }
            long cutAfter = fault.filter(f -> f.kind() == Fault.Kind.CUT_BODY).map(Fault::afterBytes).orElse(-1L);
            forward(head, fromClient, toClient, cutAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("{} frontend connection ended: {}", name, e.toString());
        } finally {
            open.remove(client);
        }
    }

    private void forward(RequestHead head, InputStream fromClient, OutputStream toClient, long cutAfter) throws IOException {
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
        open.add(backend);
        try (backend) {
            backend.setTcpNoDelay(true);
            OutputStream toBackend = backend.getOutputStream();
            toBackend.write(withConnectionClose(head.headText()).getBytes(StandardCharsets.ISO_8859_1));
            toBackend.flush();
            // The request body (if any) flows on its own thread; the response decides when we are done.
            threads.execute(() -> {
                try {
                    fromClient.transferTo(toBackend);
                    backend.shutdownOutput();
                } catch (IOException e) {
                    // the response ended and the sockets were closed, or the client went away
                }
            });
            InputStream fromBackend = new BufferedInputStream(backend.getInputStream(), BUFFER);
            // Pass interim (1xx) heads as they are; the final head tells the client the connection ends.
            while (true) {
                byte[] responseHead = readHead(fromBackend);
                if (responseHead == null) {
                    return;
                }
                String text = new String(responseHead, StandardCharsets.ISO_8859_1);
                if (text.matches("(?s)HTTP/1\\.[01] 1\\d\\d.*")) {
                    toClient.write(responseHead);
                    toClient.flush();
                    continue;
                }
                toClient.write(withConnectionClose(text).getBytes(StandardCharsets.ISO_8859_1));
                break;
            }
            if (cutAfter < 0) {
                fromBackend.transferTo(toClient);
            } else {
                copy(fromBackend, toClient, cutAfter);
                LOG.debug("{} frontend cut a response body after {} bytes of {} {}", name, cutAfter, head.method(), head.path());
            }
            toClient.flush();
        } finally {
            open.remove(backend);
        }
    }

    /**
     * Reads away a request body of known length before answering early, so a client that sends its body without
     * waiting for {@code 100 Continue} reads our answer instead of a reset connection.
     */
    private static void drainBody(RequestHead head, InputStream fromClient) throws IOException {
        String length = head.header("Content-Length");
        if (length == null || head.header("Expect") != null) {
            return;
        }
        long left = Math.min(Long.parseLong(length.trim()), MAX_DRAIN);
        byte[] buffer = new byte[BUFFER];
        while (left > 0) {
            int n = fromClient.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = limit;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private void writeError(OutputStream out, Fault fault) throws IOException {
        int status = fault.kind() == Fault.Kind.MAINTENANCE ? 503 : fault.status();
        ErrorResponse rendered = errors.render(status);
        byte[] body = rendered.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(rendered.contentType()).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        for (String header : rendered.headers()) {
            head.append(header).append("\r\n");
        }
        if (fault.kind() == Fault.Kind.MAINTENANCE) {
            head.append("Retry-After: ").append(Math.max(0, fault.duration().toSeconds())).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** A complete response for a guard's refusal. */
    static byte[] response(int status, String contentType, String body, String... extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    static String reason(int status) {
        switch (status) {
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Error";
        }
    }

    private static RequestHead parse(String head) throws IOException {
        int lineEnd = head.indexOf("\r\n");
        String[] requestLine = head.substring(0, lineEnd < 0 ? head.length() : lineEnd).split(" ");
        if (requestLine.length < 3) {
            throw new IOException("Malformed request line");
        }
        return new RequestHead(requestLine[0], requestLine[1], head);
    }

    /** A request or response head with its hop-by-hop connection headers replaced by {@code Connection: close}. */
    private static final List<String> HOP_BY_HOP = List.of(
            "connection:", "keep-alive:", "proxy-connection:", "upgrade:", "http2-settings:", "te:", "trailer:");

    private static String withConnectionClose(String headText) {
        StringBuilder out = new StringBuilder();
        String[] lines = headText.split("\r\n");
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            // Hop-by-hop headers stay on this hop: an HTTP/2 upgrade offer (Java's HttpClient sends one on http://)
            // passed on would make Jetty reject the request.
            if (HOP_BY_HOP.stream().anyMatch(lower::startsWith)) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    /** Reads up to and including the blank line ending a head; null on EOF before any byte. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketException e) {
                if (head.size() == 0) {
                    return null;
                }
                throw e;
            }
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("Connection closed inside a message head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("Message head too large");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
    }
}
