package io.github.camelkeboola.emulator.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Blob service REST operations Keboola clients use, path style ({@code /{account}/{container}/{blob}}):
 * Put Blob, Put Block, Put Block List, Get Blob (ranged), Get Blob Properties, Delete Blob and List Blobs,
 * each authorized by an account SAS in the query.
 */
final class AzureBlobService implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AzureBlobService.class);
    private static final Pattern BLOCK = Pattern.compile("<(Latest|Uncommitted|Committed)>([^<]*)</\\1>");
    private static final int MAX_BLOCK_LIST_BYTES = 8 * 1024 * 1024;

    private final String account;
    private final String container;
    private final DirectoryObjects blobs;
    private final Path blocksRoot;
    private final AzureSas sas;
    private final Clock clock;

    AzureBlobService(String account, String container, DirectoryObjects blobs, Path blocksRoot, AzureSas sas, Clock clock) {
        this.account = account;
        this.container = container;
        this.blobs = blobs;
        this.blocksRoot = blocksRoot;
        this.sas = sas;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
            exchange.getResponseHeaders().set("x-ms-version", Optional.ofNullable(
                    exchange.getRequestHeaders().getFirst("x-ms-version")).orElse(AzureSas.VERSION));
            route(exchange);
        } catch (FileNotFoundException e) {
            error(exchange, 404, "BlobNotFound", "The specified blob does not exist.", null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Exchanges.ResponseCutShort) {
                LOG.debug("Azure blob response to {} {} ended early: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
                return;
            }
            LOG.warn("Azure blob request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            error(exchange, 500, "InternalError", "The server encountered an internal error. Please retry the request.", null);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> query = Exchanges.query(exchange);
        String[] parts = exchange.getRequestURI().getRawPath().split("/", 4);
        String requestAccount = parts.length > 1 ? parts[1] : "";
        String requestContainer = parts.length > 2 ? parts[2] : "";
        String blob = parts.length > 3 ? URLDecoder.decode(parts[3].replace("+", "%2B"), StandardCharsets.UTF_8) : "";
        boolean containerLevel = blob.isEmpty();
        boolean list = containerLevel && "GET".equals(method) && "container".equals(query.get("restype")) && "list".equals(query.get("comp"));

        char permission = list ? 'l' : switch (method) {
            case "GET", "HEAD" -> 'r';
            case "DELETE" -> 'd';
            default -> 'w';
        };
        Optional<AzureSas.Refusal> refusal = requestAccount.equals(account)
                ? sas.verify(query, permission, requestContainer.isEmpty() ? 's' : containerLevel ? 'c' : 'o', clock.instant())
                : Optional.of(AzureSas.authenticationFailed("The account " + requestAccount + " is not served here."));
        if (refusal.isPresent()) {
            AzureSas.Refusal r = refusal.get();
            error(exchange, r.status(), r.code(), r.message(), r.detail());
            return;
        }
        if (!requestContainer.equals(container)) {
            error(exchange, 404, "ContainerNotFound", "The specified container does not exist.", null);
            return;
        }
        String comp = query.getOrDefault("comp", "");
        if (list) {
            listBlobs(exchange, query);
        } else if (containerLevel) {
            error(exchange, 400, "UnsupportedHttpVerb", "The resource doesn't support specified Http Verb.", null);
        } else if ("PUT".equals(method) && "block".equals(comp)) {
            putBlock(exchange, blob, query.get("blockid"));
        } else if ("PUT".equals(method) && "blocklist".equals(comp)) {
            putBlockList(exchange, blob);
        } else if ("PUT".equals(method) && comp.isEmpty()) {
            putBlob(exchange, blob);
        } else if (("GET".equals(method) || "HEAD".equals(method)) && comp.isEmpty()) {
            getBlob(exchange, blob);
        } else if ("DELETE".equals(method) && comp.isEmpty()) {
            blocks(blob).deleteAll();
            if (!blobs.delete(blob)) {
                throw new FileNotFoundException(blob);
            }
            exchange.getResponseHeaders().set("x-ms-delete-type-permanent", "true");
            Exchanges.send(exchange, 202, null, (byte[]) null);
        } else {
            error(exchange, 400, "UnsupportedHttpVerb", "The resource doesn't support specified Http Verb.", null);
        }
    }

    private void putBlob(HttpExchange exchange, String blob) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("x-ms-blob-type");
        if (!"BlockBlob".equals(type)) {
            error(exchange, 400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format.",
                    null);
            return;
        }
        try (InputStream body = exchange.getRequestBody(); OutputStream out = blobs.write(blob)) {
            body.transferTo(out);
        }
        blocks(blob).deleteAll();
        created(exchange, blob);
    }

    private void putBlock(HttpExchange exchange, String blob, String blockId) throws IOException {
        if (blockId == null || blockId.isEmpty() || blockId.length() > 88) {
            error(exchange, 400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.", null);
            return;
        }
        DirectoryObjects blocks = blocks(blob);
        blocks.create();
        try (InputStream body = exchange.getRequestBody(); OutputStream out = blocks.write(blockId)) {
            body.transferTo(out);
        }
        exchange.getResponseHeaders().set("x-ms-request-server-encrypted", "true");
        Exchanges.send(exchange, 201, null, (byte[]) null);
    }

    private void putBlockList(HttpExchange exchange, String blob) throws IOException {
        byte[] xml;
        try (InputStream body = exchange.getRequestBody()) {
            xml = body.readNBytes(MAX_BLOCK_LIST_BYTES);
        }
        List<String> ids = new ArrayList<>();
        Matcher m = BLOCK.matcher(new String(xml, StandardCharsets.UTF_8));
        while (m.find()) {
            ids.add(m.group(2).trim());
        }
        DirectoryObjects blocks = blocks(blob);
        for (String id : ids) {
            if (!Files.isDirectory(blocksDir(blob)) || !blocks.exists(id)) {
                error(exchange, 400, "InvalidBlockList", "The specified block list is invalid.", null);
                return;
            }
        }
        // Concatenate the blocks into the blob without holding them in memory.
        List<InputStream> parts = new ArrayList<>();
        for (String id : ids) {
            parts.add(new LazyInput(blocks, id));
        }
        Enumeration<InputStream> sequence = Collections.enumeration(parts);
        try (InputStream joined = new SequenceInputStream(sequence); OutputStream out = blobs.write(blob)) {
            joined.transferTo(out);
        }
        blocks.deleteAll();
        created(exchange, blob);
    }

    private void created(HttpExchange exchange, String blob) throws IOException {
        exchange.getResponseHeaders().set("ETag", blobs.etag(blob));
        exchange.getResponseHeaders().set("Last-Modified", Exchanges.httpDate(blobs.lastModified(blob)));
        exchange.getResponseHeaders().set("x-ms-request-server-encrypted", "true");
        Exchanges.send(exchange, 201, null, (byte[]) null);
    }

    private void getBlob(HttpExchange exchange, String blob) throws IOException {
        long size = blobs.size(blob);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/octet-stream");
        headers.set("ETag", blobs.etag(blob));
        headers.set("Last-Modified", Exchanges.httpDate(blobs.lastModified(blob)));
        headers.set("x-ms-creation-time", Exchanges.httpDate(blobs.lastModified(blob)));
        headers.set("x-ms-blob-type", "BlockBlob");
        headers.set("x-ms-server-encrypted", "true");
        headers.set("x-ms-lease-state", "available");
        headers.set("x-ms-lease-status", "unlocked");
        headers.set("Accept-Ranges", "bytes");
        String rangeHeader = Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-ms-range"))
                .orElse(exchange.getRequestHeaders().getFirst("Range"));
        ByteRange range;
        try {
            range = "HEAD".equals(exchange.getRequestMethod()) ? null : ByteRange.parse(rangeHeader, size);
        } catch (IllegalArgumentException e) {
            headers.set("Content-Range", "bytes */" + size);
            headers.remove("Content-Type");
            error(exchange, 416, "InvalidRange", "The range specified is invalid for the current size of the resource.", null);
            return;
        }
        if (range == null) {
            Exchanges.stream(exchange, 200, size, blobs.read(blob));
        } else {
            headers.set("Content-Range", range.contentRange(size));
            Exchanges.stream(exchange, 206, range.length(), blobs.read(blob, range.start(), range.length()));
        }
    }

    private void listBlobs(HttpExchange exchange, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String marker = query.getOrDefault("marker", "");
        int max = Integer.parseInt(query.getOrDefault("maxresults", "5000"));
        List<String> names = blobs.list(prefix).stream().filter(n -> n.compareTo(marker) > 0).toList();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<EnumerationResults ServiceEndpoint=\"http://").append(exchange.getRequestHeaders().getFirst("Host"))
                .append('/').append(account).append("/\" ContainerName=\"").append(container).append("\">")
                .append("<Prefix>").append(Exchanges.xml(prefix)).append("</Prefix>")
                .append("<MaxResults>").append(max).append("</MaxResults><Blobs>");
        for (String name : names.subList(0, Math.min(max, names.size()))) {
            xml.append("<Blob><Name>").append(Exchanges.xml(name)).append("</Name><Properties>")
                    .append("<Creation-Time>").append(Exchanges.httpDate(blobs.lastModified(name))).append("</Creation-Time>")
                    .append("<Last-Modified>").append(Exchanges.httpDate(blobs.lastModified(name))).append("</Last-Modified>")
                    .append("<Etag>").append(Exchanges.xml(blobs.etag(name))).append("</Etag>")
                    .append("<Content-Length>").append(blobs.size(name)).append("</Content-Length>")
                    .append("<Content-Type>application/octet-stream</Content-Type>")
                    .append("<BlobType>BlockBlob</BlobType><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>")
                    .append("<ServerEncrypted>true</ServerEncrypted></Properties></Blob>");
        }
        xml.append("</Blobs><NextMarker>");
        if (names.size() > max) {
            xml.append(Exchanges.xml(names.get(max - 1)));
        }
        xml.append("</NextMarker></EnumerationResults>");
        Exchanges.send(exchange, 200, "application/xml", xml.toString());
    }

    private void error(HttpExchange exchange, int status, String code, String message, String detail) throws IOException {
        String requestId = exchange.getResponseHeaders().getFirst("x-ms-request-id");
        exchange.getResponseHeaders().set("x-ms-error-code", code);
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>"
                + Exchanges.xml(message) + "\nRequestId:" + requestId + "\nTime:" + clock.instant() + "</Message>"
                + (detail == null ? "" : "<AuthenticationErrorDetail>" + Exchanges.xml(detail) + "</AuthenticationErrorDetail>")
                + "</Error>";
        Exchanges.send(exchange, status, "application/xml", body);
    }

    private Path blocksDir(String blob) {
        return blocksRoot.resolve(URLEncoder.encode(blob, StandardCharsets.UTF_8));
    }

    private DirectoryObjects blocks(String blob) {
        return new DirectoryObjects(blocksDir(blob), blobs.staging());
    }

    /** Opens a block only when the concatenation reaches it, so just one file is open at a time. */
    private static final class LazyInput extends InputStream {
        private final DirectoryObjects blocks;
        private final String id;
        private InputStream in;

        LazyInput(DirectoryObjects blocks, String id) {
            this.blocks = blocks;
            this.id = id;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = blocks.read(id);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
