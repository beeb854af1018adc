package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds the {@link ObjectStore} of a file resource from what the Storage API returned for it. */
final class ObjectStores {

    /** Where a file lives: its store and its key (for a sliced file, the prefix of its slices). */
    record Location(ObjectStore store, String key) {
    }

    private ObjectStores() {
    }

    /** From a {@code files/prepare} answer: {@code uploadParams}, {@code absUploadParams} or {@code gcsUploadParams}. */
    static Location forUpload(JsonNode prepared, StorageHttp http) {
        String provider = prepared.path("provider").asText("aws");
        String fileId = prepared.path("id").asText("?");
        switch (provider) {
            case "aws" -> {
                JsonNode params = required(prepared, "uploadParams", fileId);
                String sse = params.path("x-amz-server-side-encryption").asText(null);
                String key = text(params, "key", fileId);
                return new Location(s3(prepared, params.path("bucket").asText(), key, params.path("credentials"), sse, http, fileId), key);
            }
            case "azure" -> {
                JsonNode params = required(prepared, "absUploadParams", fileId);
                return new Location(azure(params.path("container").asText(), params.path("absCredentials"),
                        params.path("accountName").asText(null), http, fileId), text(params, "blobName", fileId));
            }
            case "gcp" -> {
                JsonNode params = required(prepared, "gcsUploadParams", fileId);
                String key = text(params, "key", fileId);
                return new Location(gcs(prepared, params.path("bucket").asText(), key, params, http, fileId), key);
            }
            default -> throw unknownProvider(provider, fileId);
        }
    }

    /** From a file detail fetched with {@code federationToken=1}: {@code s3Path}, {@code absPath} or {@code gcsPath}. */
    static Location forDownload(JsonNode detail, StorageHttp http) {
        String provider = detail.path("provider").asText("aws");
        String fileId = detail.path("id").asText("?");
        switch (provider) {
            case "aws" -> {
                JsonNode path = required(detail, "s3Path", fileId);
                String key = text(path, "key", fileId);
                return new Location(s3(detail, path.path("bucket").asText(), key, detail.path("credentials"), null, http, fileId), key);
            }
            case "azure" -> {
                JsonNode path = required(detail, "absPath", fileId);
                return new Location(azure(path.path("container").asText(), detail.path("absCredentials"), null, http, fileId),
                        text(path, "name", fileId));
            }
            case "gcp" -> {
                JsonNode path = required(detail, "gcsPath", fileId);
                String key = text(path, "key", fileId);
                return new Location(gcs(detail, path.path("bucket").asText(), key, detail.path("gcsCredentials"), http, fileId), key);
            }
            default -> throw unknownProvider(provider, fileId);
        }
    }

    private static ObjectStore s3(JsonNode resource, String bucket, String key, JsonNode credentials, String sse, StorageHttp http,
                                  String fileId) {
        String region = resource.path("region").asText("");
        region = region.isEmpty() ? "us-east-1" : region;
        SigV4 signer = new SigV4(text(credentials, "AccessKeyId", fileId), text(credentials, "SecretAccessKey", fileId),
                credentials.path("SessionToken").asText(null), region);
        String endpoint = endpoint(http, resource, bucket, key, "https://s3.amazonaws.com");
        return new S3Store(http, endpoint, bucket, region, signer, sse);
    }

    /** {@code account}: the upload parameters' {@code accountName} (what manifest entries name), else from the BlobEndpoint. */
    private static ObjectStore azure(String container, JsonNode credentials, String account, StorageHttp http, String fileId) {
        Map<String, String> connection = AzureBlobStore.parseConnectionString(text(credentials, "SASConnectionString", fileId));
        String blobEndpoint = connection.get("BlobEndpoint");
        String override = http.settings().fileStorageEndpoint();
        return new AzureBlobStore(http, override != null ? override : blobEndpoint,
                account != null && !account.isEmpty() ? account : AzureBlobStore.accountOf(blobEndpoint),
                container, connection.get("SharedAccessSignature"));
    }

    private static ObjectStore gcs(JsonNode resource, String bucket, String key, JsonNode credentials, StorageHttp http,
                                   String fileId) {
        return new GcsStore(http, endpoint(http, resource, bucket, key, "https://storage.googleapis.com"), bucket,
                text(credentials, "access_token", fileId));
    }

    /**
     * The configured override, else the resource's {@code url} without its trailing {@code /bucket/key} (or
     * {@code /bucket/keymanifest} of a sliced file): a server may serve its storage under a path prefix. When the url
     * does not end so (virtual-hosted AWS, a url of another shape) its origin; without a url the provider's endpoint.
     */
    private static String endpoint(StorageHttp http, JsonNode resource, String bucket, String key, String fallback) {
        String override = http.settings().fileStorageEndpoint();
        if (override != null) {
            return override;
        }
        String url = resource.path("url").asText(null);
        String origin = Urls.origin(url);
        if (origin == null) {
            return fallback;
        }
        String path = URI.create(url.strip()).getRawPath();
        String object = "/" + bucket + "/" + key;
        for (String suffix : List.of(object + "manifest", object)) {
            for (String candidate : List.of(Urls.encodePath(suffix), suffix)) {
                if (path != null && path.endsWith(candidate)) {
                    return origin + path.substring(0, path.length() - candidate.length());
                }
            }
        }
        return origin;
    }

    private static JsonNode required(JsonNode resource, String field, String fileId) {
        JsonNode node = resource.path(field);
        if (!node.isObject()) {
            throw new KeboolaException("File " + fileId + " has no " + field
                    + " (file storage credentials come only with federationToken=1)", null, null);
        }
        return node;
    }

    private static String text(JsonNode node, String field, String fileId) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new KeboolaException("File " + fileId + ": the Storage API answered no " + field, null, null);
        }
        return value;
    }

    private static KeboolaException unknownProvider(String provider, String fileId) {
        return new KeboolaException("File " + fileId + " is stored with provider '" + provider
                + "'; supported are aws, azure and gcp", null, null);
    }
}
