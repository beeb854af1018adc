package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The GCS JSON API calls Keboola clients use: media, multipart and resumable uploads, object metadata, media
 * downloads (ranged), delete and list, each with an issued bearer token; plus XML-style {@code GET /bucket/object}
 * for signed URLs.
 */
final class GcsService implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GcsService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)");

    /** An open resumable upload: bytes received so far live in {@code part}. */
    private static final class Session {
        final String name;
        final String contentType;
        final Path part;
        long received;
        ObjectNode result;

        Session(String name, String contentType, Path part) {
            this.name = name;
            this.contentType = contentType;
            this.part = part;
        }
    }

    private final String bucket;
    private final GcsObjects objects;
    private final GcsAuth auth;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    GcsService(String bucket, GcsObjects objects, GcsAuth auth, Clock clock) {
        this.bucket = bucket;
        this.objects = objects;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (FileNotFoundException e) {
            jsonError(exchange, 404, "No such object: " + bucket + "/" + e.getMessage(), "notFound");
        } catch (IOException | RuntimeException e) {
            if (e instanceof Exchanges.ResponseCutShort) {
                LOG.debug("GCS response to {} {} ended early: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
                return;
            }
            LOG.warn("GCS request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            jsonError(exchange, 500, "Internal error: " + e.getMessage(), "backendError");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Map<String, String> query = Exchanges.query(exchange);
        boolean jsonApi = path.startsWith("/storage/v1/") || path.startsWith("/upload/storage/v1/") || path.startsWith("/download/storage/v1/");
        if (!jsonApi) {
            signedGet(exchange, path, query);
            return;
        }
        if (!auth.bearerValid(exchange.getRequestHeaders().getFirst("Authorization"), clock.instant())) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
            jsonError(exchange, 401, "Invalid Credentials", "authError");
            return;
        }
        String api = path.substring(path.indexOf("/storage/v1/b/") + "/storage/v1/b/".length());
        int slash = api.indexOf('/');
        String requestBucket = slash < 0 ? api : api.substring(0, slash);
        if (!requestBucket.equals(bucket)) {
            jsonError(exchange, 404, "The specified bucket does not exist.", "notFound");
            return;
        }
        String rest = slash < 0 ? "" : api.substring(slash);
        if (path.startsWith("/upload/") && rest.equals("/o")) {
            upload(exchange, method, query);
        } else if (rest.equals("/o") && "GET".equals(method)) {
            list(exchange, query.getOrDefault("prefix", ""));
        } else if (rest.startsWith("/o/")) {
            String name = decode(rest.substring(3));
            boolean media = "media".equals(query.get("alt")) || path.startsWith("/download/");
            if ("DELETE".equals(method)) {
                if (!objects.delete(name)) {
                    throw new FileNotFoundException(name);
                }
                Exchanges.send(exchange, 204, null, (byte[]) null);
            } else if (("GET".equals(method) || "HEAD".equals(method)) && media) {
                media(exchange, name);
            } else if ("GET".equals(method)) {
                Exchanges.send(exchange, 200, "application/json; charset=UTF-8", JSON.writeValueAsBytes(objects.resource(name)));
            } else {
                jsonError(exchange, 405, "Method not allowed", "methodNotAllowed");
            }
        } else {
            jsonError(exchange, 404, "Not Found", "notFound");
        }
    }

    private void upload(HttpExchange exchange, String method, Map<String, String> query) throws IOException {
        String type = query.getOrDefault("uploadType", "");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(method) && "media".equals(type)) {
            String name = query.get("name");
            if (name == null || name.isEmpty()) {
                jsonError(exchange, 400, "Required parameter: name", "required");
                return;
            }
            respondObject(exchange, storeBody(requestBody(exchange), name, contentType));
        } else if ("POST".equals(method) && "multipart".equals(type)) {
            multipart(exchange, contentType);
        } else if ("POST".equals(method) && "resumable".equals(type)) {
            startSession(exchange, query);
        } else if ("PUT".equals(method) && "resumable".equals(type) && query.containsKey("upload_id")) {
            resume(exchange, query.get("upload_id"));
        } else if ("DELETE".equals(method) && query.containsKey("upload_id")) {
            Session session = sessions.remove(query.get("upload_id"));
            if (session != null) {
                Files.deleteIfExists(session.part);
            }
            Exchanges.send(exchange, 499, "text/plain", (byte[]) null);
        } else {
            jsonError(exchange, 400, "Unsupported upload request", "invalid");
        }
    }

    private ObjectNode storeBody(InputStream body, String name, String contentType) throws IOException {
        Path staged = Files.createTempFile(objects.staging(), "gcs-", ".part");
        try (body; OutputStream out = Files.newOutputStream(staged)) {
            body.transferTo(out);
            out.close();
            return objects.commit(staged, name, contentType);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void multipart(HttpExchange exchange, String contentType) throws IOException {
        MultipartRelated parts = MultipartRelated.of(contentType, new BufferedInputStream(requestBody(exchange), 64 * 1024));
        if (parts == null) {
            jsonError(exchange, 400, "Multipart upload needs a multipart/related body with a boundary", "invalid");
            return;
        }
        JsonNode metadata = JSON.readTree(parts.metadata());
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            jsonError(exchange, 400, "Required parameter: name", "required");
            return;
        }
        Path staged = Files.createTempFile(objects.staging(), "gcs-", ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staged), 64 * 1024)) {
                parts.media(out);
            }
            ObjectNode resource = objects.commit(staged, name, metadata.path("contentType").asText(null));
            if (!checksumsMatch(metadata, resource)) {
                objects.delete(name);
                jsonError(exchange, 400, "Provided CRC32C or MD5 does not match the uploaded data.", "invalid");
                return;
            }
            respondObject(exchange, resource);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static boolean checksumsMatch(JsonNode metadata, ObjectNode resource) {
        return (!metadata.hasNonNull("crc32c") || metadata.path("crc32c").asText().equals(resource.path("crc32c").asText()))
                && (!metadata.hasNonNull("md5Hash") || metadata.path("md5Hash").asText().equals(resource.path("md5Hash").asText()));
    }

    private void startSession(HttpExchange exchange, Map<String, String> query) throws IOException {
        byte[] body;
        try (InputStream in = requestBody(exchange)) {
            body = in.readNBytes(1024 * 1024);
        }
        JsonNode metadata = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        String name = query.getOrDefault("name", metadata.path("name").asText(""));
        if (name.isEmpty()) {
            jsonError(exchange, 400, "Required parameter: name", "required");
            return;
        }
        String contentType = metadata.path("contentType").asText(
                exchange.getRequestHeaders().getFirst("X-Upload-Content-Type"));
        String id = StorageSecrets.alnum(48);
        // the session URI alone lets anyone write the object: a credential
        auth.issued().add(id);
        sessions.put(id, new Session(name, contentType, Files.createTempFile(objects.staging(), "gcs-resumable-", ".part")));
        exchange.getResponseHeaders().set("Location", "http://" + exchange.getRequestHeaders().getFirst("Host")
                + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
        Exchanges.send(exchange, 200, "text/plain; charset=utf-8", (byte[]) null);
    }

    private void resume(HttpExchange exchange, String id) throws IOException {
        Session session = sessions.get(id);
        if (session == null) {
            jsonError(exchange, 404, "No such upload session", "notFound");
            return;
        }
        synchronized (session) {
            if (session.result != null) {
                exchange.getRequestBody().close();
                respondObject(exchange, session.result);
                return;
            }
            String rangeHeader = exchange.getRequestHeaders().getFirst("Content-Range");
            Matcher m = CONTENT_RANGE.matcher(rangeHeader == null ? "bytes */*" : rangeHeader.trim());
            if (rangeHeader != null && !m.matches()) {
                jsonError(exchange, 400, "Invalid Content-Range: " + rangeHeader, "invalid");
                return;
            }
            if (rangeHeader == null) {
                m = CONTENT_RANGE.matcher("bytes 0-0/*");
                m.matches();
            }
            Long total = "*".equals(m.group(4)) ? null : Long.parseLong(m.group(4));
            try (InputStream body = requestBody(exchange)) {
                if (rangeHeader == null) {
                    // A single PUT of the whole content.
                    session.received = 0;
                    try (OutputStream out = Files.newOutputStream(session.part, StandardOpenOption.TRUNCATE_EXISTING)) {
                        total = body.transferTo(out);
                    }
                    session.received = total;
                } else if (!"*".equals(m.group(1))) {
                    long start = Long.parseLong(m.group(2));
                    if (start > session.received) {
                        jsonError(exchange, 400, "Chunk starts at " + start + " but only " + session.received + " bytes were received", "invalid");
                        return;
                    }
                    discard(body, session.received - start);
                    try (OutputStream out = Files.newOutputStream(session.part, StandardOpenOption.APPEND)) {
                        session.received += body.transferTo(out);
                    }
                }
            }
            if (total != null && session.received == total) {
                ObjectNode resource = objects.commit(session.part, session.name, session.contentType);
                session.result = resource;
                respondObject(exchange, resource);
                return;
            }
            if (session.received > 0) {
                exchange.getResponseHeaders().set("Range", "bytes=0-" + (session.received - 1));
            }
            exchange.getResponseHeaders().set("X-Http-Status-Code-Override", "308");
            Exchanges.send(exchange, 308, "text/plain; charset=utf-8", (byte[]) null);
        }
    }

    /**
     * Reads away bytes a chunk repeats. Not {@code skip}: the JDK server's fixed-length request stream passes
     * skip to the connection without counting it, and would then wait for bytes that never come.
     */
    private static void discard(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new java.io.EOFException("Chunk ended inside bytes already received");
            }
            left -= n;
        }
    }

    private void media(HttpExchange exchange, String name) throws IOException {
        ObjectNode resource = objects.resource(name);
        long size = resource.path("size").asLong();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", resource.path("contentType").asText());
        headers.set("ETag", resource.path("etag").asText());
        headers.set("x-goog-generation", resource.path("generation").asText());
        headers.set("x-goog-metageneration", "1");
        headers.set("x-goog-stored-content-length", Long.toString(size));
        headers.set("x-goog-stored-content-encoding", "identity");
        headers.set("x-goog-storage-class", "STANDARD");
        headers.set("Accept-Ranges", "bytes");
        if (resource.has("crc32c")) {
            headers.set("x-goog-hash", "crc32c=" + resource.path("crc32c").asText() + ",md5=" + resource.path("md5Hash").asText());
        }
        ByteRange range;
        try {
            range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), size);
        } catch (IllegalArgumentException e) {
            headers.set("Content-Range", "bytes */" + size);
            jsonError(exchange, 416, "Request range not satisfiable", "requestedRangeNotSatisfiable");
            return;
        }
        if (range == null) {
            Exchanges.stream(exchange, 200, size, objects.content().read(name));
        } else {
            headers.set("Content-Range", range.contentRange(size));
            Exchanges.stream(exchange, 206, range.length(), objects.content().read(name, range.start(), range.length()));
        }
    }

    private void list(HttpExchange exchange, String prefix) throws IOException {
        ObjectNode result = JSON.createObjectNode().put("kind", "storage#objects");
        ArrayNode items = result.putArray("items");
        for (String name : objects.list(prefix)) {
            items.add(objects.resource(name));
        }
        Exchanges.send(exchange, 200, "application/json; charset=UTF-8", JSON.writeValueAsBytes(result));
    }

    /** XML-API style {@code GET /bucket/object}: a signed URL, or a bearer token. */
    private void signedGet(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String method = exchange.getRequestMethod();
        String prefix = "/" + bucket + "/";
        if (!path.startsWith(prefix) || !("GET".equals(method) || "HEAD".equals(method))) {
            xmlError(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String error = authorization == null
                ? auth.signedUrlError(method, path, query, clock.instant())
                : (auth.bearerValid(authorization, clock.instant()) ? null : "AccessDenied");
        if (error != null) {
            int status = "ExpiredToken".equals(error) ? 400 : 403;
            xmlError(exchange, status, error, "ExpiredToken".equals(error) ? "Invalid argument." : "Access denied.");
            return;
        }
        String name = decode(path.substring(prefix.length()));
        try {
            media(exchange, name);
        } catch (FileNotFoundException e) {
            xmlError(exchange, 404, "NoSuchKey", "The specified key does not exist.");
        }
    }

    /** The request body, decompressed when the client sent it gzip-encoded (google-cloud-storage does by default). */
    private static InputStream requestBody(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream body = exchange.getRequestBody();
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip") ? new GZIPInputStream(body, 64 * 1024) : body;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void respondObject(HttpExchange exchange, ObjectNode resource) throws IOException {
        Exchanges.send(exchange, 200, "application/json; charset=UTF-8", JSON.writeValueAsBytes(resource));
    }

    static ObjectNode errorBody(int status, String message, String reason) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        ObjectNode detail = error.putArray("errors").addObject();
        detail.put("message", message);
        detail.put("domain", "global");
        detail.put("reason", reason);
        if (status == 401) {
            detail.put("locationType", "header");
            detail.put("location", "Authorization");
        }
        return body;
    }

    private static void jsonError(HttpExchange exchange, int status, String message, String reason) throws IOException {
        Exchanges.send(exchange, status, "application/json; charset=UTF-8", JSON.writeValueAsBytes(errorBody(status, message, reason)));
    }

    private static void xmlError(HttpExchange exchange, int status, String code, String message) throws IOException {
        Exchanges.send(exchange, status, "application/xml; charset=UTF-8",
                "<?xml version='1.0' encoding='UTF-8'?><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }
}
