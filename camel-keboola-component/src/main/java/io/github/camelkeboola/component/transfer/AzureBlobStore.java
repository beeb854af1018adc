package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Azure Blob Storage over its REST protocol, authorised by the SAS of the file's {@code SASConnectionString}. */
final class AzureBlobStore implements ObjectStore {

    /** A Blob service version that both Azure and Azurite serve; blob upload and download have not changed since. */
    static final String API_VERSION = "2021-12-02";

    private final StorageHttp http;
    private final String containerUrl;
    private final String account;
    private final String container;
    private final String sas;

    /**
     * @param blobEndpoint endpoint requests go to ({@code https://acct.blob.core.windows.net}, or path style
     *                     {@code http://127.0.0.1:10000/devstoreaccount1})
     * @param account      the storage account, as manifest entries name it
     * @param sas          the shared access signature, a query string
     */
    AzureBlobStore(StorageHttp http, String blobEndpoint, String account, String container, String sas) {
        this.http = http;
        this.containerUrl = (blobEndpoint.endsWith("/") ? blobEndpoint : blobEndpoint + "/") + Urls.encodePath(container);
        this.account = account;
        this.container = container;
        this.sas = sas.startsWith("?") ? sas.substring(1) : sas;
    }

    /** The parts of a {@code SASConnectionString}: {@code BlobEndpoint=...;SharedAccessSignature=...}. */
    static Map<String, String> parseConnectionString(String connectionString) {
        Map<String, String> parts = new HashMap<>();
        for (String part : connectionString.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        if (!parts.containsKey("BlobEndpoint") || !parts.containsKey("SharedAccessSignature")) {
            throw new KeboolaException("The Azure SASConnectionString of the file has no BlobEndpoint or SharedAccessSignature", null, null);
        }
        return parts;
    }

    /** The account of a blob endpoint: the first host label on Azure, the first path segment on path-style emulators. */
    static String accountOf(String blobEndpoint) {
        URI uri = URI.create(blobEndpoint);
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.endsWith(".blob.core.windows.net")) {
            return host.substring(0, host.indexOf('.'));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "");
        return path.isEmpty() ? host : path.split("/")[0];
    }

    @Override
    public String name() {
        return "Azure Blob";
    }

    @Override
    public void put(String key, byte[] data, int length) {
        http.call("Azure Put Blob " + key, () -> {
            ClassicHttpRequest request = request("PUT", key, "", data, length);
            request.setHeader("x-ms-blob-type", "BlockBlob");
            return request;
        }, r -> null);
    }

    @Override
    public MultipartUpload startMultipart(String key) {
        Map<Integer, String> blockIds = new ConcurrentSkipListMap<>();
        return new MultipartUpload() {
            @Override
            public void uploadPart(int number, byte[] data, int length, boolean last) {
                // Block ids of one blob must all have the same length.
                String blockId = Base64.getEncoder().encodeToString(String.format("block-%08d", number).getBytes(StandardCharsets.US_ASCII));
                http.call("Azure Put Block " + number + " of " + key,
                        () -> request("PUT", key, "comp=block&blockid=" + Urls.encode(blockId), data, length), r -> null);
                blockIds.put(number, blockId);
            }

            @Override
            public void complete() {
                StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
                blockIds.values().forEach(id -> xml.append("<Latest>").append(id).append("</Latest>"));
                byte[] body = xml.append("</BlockList>").toString().getBytes(StandardCharsets.UTF_8);
                http.call("Azure Put Block List of " + key, () -> request("PUT", key, "comp=blocklist", body, body.length), r -> null);
            }

            @Override
            public void abort() {
                // Nothing to drop: Azure discards uncommitted blocks by itself, and no blob exists until the list is put.
            }
        };
    }

    @Override
    public ClassicHttpResponse open(String key, long from) {
        return http.execute("Azure Get Blob " + key, () -> ObjectStore.fromByte(request("GET", key, "", null, 0), from), 416);
    }

    @Override
    public String entryUrlPrefix(String key) {
        return "azure://" + account + ".blob.core.windows.net/" + container + "/" + key;
    }

    /**
     * Entries are {@code azure://{account}.blob.core.windows.net/{container}/{name}} whatever endpoint the blobs are
     * served from (an emulator's BlobEndpoint may name no account at all), so only the container is checked here;
     * the blob is read through the BlobEndpoint.
     */
    @Override
    public String keyOfEntry(String entryUrl) {
        String scheme = "azure://";
        int pathStart = entryUrl.startsWith(scheme) ? entryUrl.indexOf('/', scheme.length()) : -1;
        String containerPrefix = "/" + container + "/";
        return pathStart > 0 && entryUrl.startsWith(containerPrefix, pathStart)
                ? entryUrl.substring(pathStart + containerPrefix.length()) : null;
    }

    private ClassicHttpRequest request(String method, String key, String query, byte[] body, int length) {
        URI uri = URI.create(containerUrl + "/" + Urls.encodePath(key) + "?" + sas + (query.isEmpty() ? "" : "&" + query));
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, uri);
        request.setHeader("x-ms-version", API_VERSION);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, 0, length, null));
        }
        return request;
    }
}
