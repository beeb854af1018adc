package io.github.camelkeboola.emulator.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code azure} flavour, driven by the Azure Storage Blob SDK with the SAS connection strings the Storage API hands out. */
class AzureBlobFileStorageTest extends FileStorageTestBase<AzureBlobFileStorage> {

    AzureBlobFileStorageTest() {
        super("azure", AzureBlobFileStorage.class);
    }

    private static StoredFile file(long id, boolean sliced) {
        return file(id, sliced, true);
    }

    private static final RequestRetryOptions NO_RETRIES = new RequestRetryOptions(RetryPolicyType.FIXED, 1, (Duration) null, null, null, null);

    /** The blob client a Keboola client builds: from the SAS connection string, container and blob name. */
    private static BlobClient client(JsonNode absCredentials, String container, String blob) {
        BlobServiceClient service = new BlobServiceClientBuilder()
                .connectionString(absCredentials.path("SASConnectionString").asText())
                .retryOptions(NO_RETRIES)
                .buildClient();
        return service.getBlobContainerClient(container).getBlobClient(blob);
    }

    private BlobClient downloadClient(StoredFile file, String blob) {
        ObjectNode detail = detail(file);
        return client(detail.path("absCredentials"), detail.path("absPath").path("container").asText(), blob);
    }

    @Test
    void uploadWithTheSasConnectionStringIsReadByTheServer() throws Exception {
        StoredFile file = file(1, false);
        JsonNode params = prepare(file).path("absUploadParams");
        assertEquals(AzureBlobFileStorage.ACCOUNT, params.path("accountName").asText());
        assertEquals(file.objectKey(), params.path("blobName").asText());
        String connection = params.path("absCredentials").path("SASConnectionString").asText();
        assertTrue(connection.startsWith("BlobEndpoint=http://127.0.0.1:"), connection);
        assertTrue(connection.contains(";SharedAccessSignature=sv="), connection);
        assertTrue(params.path("absCredentials").path("expiration").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000"));

        client(params.path("absCredentials"), params.path("container").asText(), params.path("blobName").asText())
                .upload(BinaryData.fromBytes(CSV));

        assertEquals(CSV.length, storage.size(file.objectKey()));
        try (var in = storage.read(file.objectKey())) {
            assertArrayEquals(CSV, in.readAllBytes());
        }
    }

    @Test
    void serverWrittenBlobsDownloadWholeAndRangedAndList() throws Exception {
        StoredFile file = file(2, true);
        String slice0 = file.objectKey() + "0000_part_00";
        String slice1 = file.objectKey() + "0001_part_00";
        serverWrite(slice0, CSV);
        serverWrite(slice1, new byte[0]);
        serverWrite("unrelated.csv", CSV);

        BlobClient blob = downloadClient(file, slice0);
        assertArrayEquals(CSV, blob.downloadContent().toBytes());
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        blob.downloadStreamWithResponse(part, new BlobRange(5, 6L), null, null, false, null, null);
        assertEquals(new String(CSV, StandardCharsets.UTF_8).substring(5, 11), part.toString(StandardCharsets.UTF_8));
        assertEquals(CSV.length, blob.getProperties().getBlobSize());
        assertEquals(0, downloadClient(file, slice1).downloadContent().toBytes().length);

        List<String> listed = downloadClient(file, slice0).getContainerClient()
                .listBlobs(new ListBlobsOptions().setPrefix(file.objectKey()), null).stream()
                .map(BlobItem::getName).collect(Collectors.toList());
        assertEquals(List.of(slice0, slice1), listed);
    }

    @Test
    void largeBlobRoundTripsInBlocks() throws Exception {
        long size = 50L * 1024 * 1024;
        StoredFile file = file(3, false);
        JsonNode params = prepare(file).path("absUploadParams");
        String expected = GeneratedContent.sha256(new GeneratedContent(size));
        BlobClient upload = client(params.path("absCredentials"), params.path("container").asText(), params.path("blobName").asText());
        ParallelTransferOptions blocks = new ParallelTransferOptions().setBlockSizeLong(4L * 1024 * 1024)
                .setMaxSingleUploadSizeLong(4L * 1024 * 1024).setMaxConcurrency(1);
        // A zero delay on every PUT counts the requests: 13 Put Block and 1 Put Block List.
        FaultInjector.Rule puts = faults.inject(FaultTarget.FILE_STORAGE, "PUT", file.objectKey(), Fault.delay(Duration.ZERO), -1);
        upload.uploadWithResponse(new BlobParallelUploadOptions(new GeneratedContent(size)).setParallelTransferOptions(blocks), null, null);
        assertEquals(14, puts.hits());

        assertEquals(size, storage.size(file.objectKey()));
        assertEquals(expected, GeneratedContent.sha256(storage.read(file.objectKey())));
        assertEquals(expected, GeneratedContent.sha256(downloadClient(file, file.objectKey()).openInputStream()));
    }

    @Test
    void largeBlobStreamsThroughAPlainClient() throws Exception {
        long size = 50L * 1024 * 1024;
        StoredFile file = file(14, false);
        String connection = prepare(file).path("absUploadParams").path("absCredentials").path("SASConnectionString").asText();
        String endpoint = connection.substring("BlobEndpoint=".length(), connection.indexOf(';'));
        String sasToken = connection.substring(connection.indexOf("SharedAccessSignature=") + "SharedAccessSignature=".length());
        String blobUrl = endpoint + "/" + AzureBlobFileStorage.CONTAINER + "/" + file.objectKey() + "?" + sasToken;

        PlainHttp.Response put = PlainHttp.put(blobUrl, Map.of("x-ms-blob-type", "BlockBlob"), new GeneratedContent(size), size);
        assertEquals(201, put.status(), new String(put.body(), StandardCharsets.UTF_8));
        String expected = GeneratedContent.sha256(new GeneratedContent(size));
        assertEquals(expected, PlainHttp.getSha256(blobUrl));
    }

    @Test
    void tamperedSignatureIsRejectedAsAuthenticationFailed() throws Exception {
        StoredFile file = file(4, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode credentials = detail(file).path("absCredentials").deepCopy();
        String connection = credentials.path("SASConnectionString").asText();
        credentials.put("SASConnectionString", connection.replaceAll("sig=[^&;]{4}", "sig=AAAA"));
        BlobStorageException e = assertThrows(BlobStorageException.class,
                () -> client(credentials, AzureBlobFileStorage.CONTAINER, file.objectKey()).downloadContent());
        assertEquals(403, e.getStatusCode());
        assertEquals("AuthenticationFailed", e.getErrorCode().toString());
    }

    @Test
    void expiredSasIsRejected() throws Exception {
        StoredFile file = file(5, false);
        serverWrite(file.objectKey(), CSV);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String url = storage.blobEndpoint() + "/" + AzureBlobFileStorage.CONTAINER + "/" + file.objectKey() + "?"
                + storage.sas().issue("r", past, past.plus(Duration.ofHours(1)));
        PlainHttp.Response response = PlainHttp.get(url);
        assertEquals(403, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("<Code>AuthenticationFailed</Code>"));
    }

    @Test
    void downloadCredentialsCannotWrite() {
        StoredFile file = file(6, false);
        BlobStorageException e = assertThrows(BlobStorageException.class,
                () -> downloadClient(file, file.objectKey()).upload(BinaryData.fromBytes(CSV)));
        assertEquals(403, e.getStatusCode());
        assertEquals("AuthorizationPermissionMismatch", e.getErrorCode().toString());
        assertFalse(storage.exists(file.objectKey()));
    }

    @Test
    void storageTokenInsteadOfSasIsRejected() throws Exception {
        StoredFile file = file(7, false);
        serverWrite(file.objectKey(), CSV);
        String url = detail(file).path("url").asText();
        PlainHttp.Response response = PlainHttp.get(url.substring(0, url.indexOf('?')), Map.of("X-StorageApi-Token", "1234-56789-abcdef"));
        assertEquals(403, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("<Code>AuthenticationFailed</Code>"));
    }

    @Test
    void sasSignedByTheSdkWithTheAccountKeyIsAccepted() throws Exception {
        StoredFile file = file(8, false);
        serverWrite(file.objectKey(), CSV);
        BlobServiceClient owner = new BlobServiceClientBuilder().endpoint(storage.blobEndpoint())
                .credential(new StorageSharedKeyCredential(AzureBlobFileStorage.ACCOUNT, storage.sas().accountKeyBase64()))
                .buildClient();
        String sdkSas = owner.generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1),
                AccountSasPermission.parse("r"), new AccountSasService().setBlobAccess(true),
                new AccountSasResourceType().setObject(true)).setProtocol(SasProtocol.HTTPS_HTTP));
        BlobClient blob = new BlobServiceClientBuilder().endpoint(storage.blobEndpoint()).sasToken(sdkSas)
                .retryOptions(NO_RETRIES).buildClient()
                .getBlobContainerClient(AzureBlobFileStorage.CONTAINER).getBlobClient(file.objectKey());
        assertArrayEquals(CSV, blob.downloadContent().toBytes());
    }

    @Test
    void urlDownloadsWithoutCredentialsAndPointsAtTheManifestOfASlicedFile() throws Exception {
        StoredFile plain = file(9, false);
        serverWrite(plain.objectKey(), CSV);
        assertArrayEquals(CSV, PlainHttp.get(detail(plain).path("url").asText()).body());

        StoredFile sliced = file(10, true);
        String slice = sliced.objectKey() + "0000_part_00";
        byte[] manifest = ("{\"entries\":[{\"url\":\"" + storage.entryUrl(slice) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        serverWrite(sliced.manifestKey(), manifest);
        ObjectNode detail = detail(sliced);
        assertEquals(sliced.objectKey(), detail.path("absPath").path("name").asText());
        assertArrayEquals(manifest, PlainHttp.get(detail.path("url").asText()).body());
        assertEquals("azure://kbcemulatorfiles.blob.core.windows.net/exp-15-files/" + slice, storage.entryUrl(slice));
        assertEquals(slice, storage.objectKey(storage.entryUrl(slice)));
        assertThrows(IllegalArgumentException.class, () -> storage.objectKey("azure://other.blob.core.windows.net/exp-15-files/" + slice));
    }

    @Test
    void cutBodyAndInjectedStatuses() throws Exception {
        StoredFile file = file(11, false);
        serverWrite(file.objectKey(), new GeneratedContent(200_000).readAllBytes());
        String url = detail(file).path("url").asText();
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.cutBody(10_000), 1);
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.maintenance(Duration.ofSeconds(1)), 1);

        PlainHttp.Response cut = PlainHttp.get(url);
        assertTrue(cut.shortRead());
        assertEquals(10_000, cut.body().length);
        PlainHttp.Response busy = PlainHttp.get(url);
        assertEquals(503, busy.status());
        assertTrue(new String(busy.body(), StandardCharsets.UTF_8).contains("<Code>ServerBusy</Code>"));
        assertEquals(200_000, PlainHttp.get(url).body().length);
    }

    @Test
    void injectedErrorOnUploadIsTheSdksStorageError() {
        StoredFile file = file(13, false);
        JsonNode params = prepare(file).path("absUploadParams");
        faults.inject(FaultTarget.FILE_STORAGE, "PUT", file.objectKey(), Fault.status(500), 1);
        BlobClient blob = client(params.path("absCredentials"), params.path("container").asText(), params.path("blobName").asText());
        BlobStorageException e = assertThrows(BlobStorageException.class, () -> blob.upload(BinaryData.fromBytes(CSV)));
        assertEquals(500, e.getStatusCode());
        assertEquals("InternalError", e.getErrorCode().toString());
        blob.upload(BinaryData.fromBytes(CSV));
        assertTrue(storage.exists(file.objectKey()));
    }

    @Test
    void blobsSurviveARestartAndDeletePrefixRemovesThem() throws Exception {
        StoredFile file = file(12, true);
        serverWrite(file.objectKey() + "0000_part_00", CSV);
        serverWrite(file.manifestKey(), "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8));
        restart();
        assertArrayEquals(CSV, downloadClient(file, file.objectKey() + "0000_part_00").downloadContent().toBytes());

        storage.deletePrefix(file.objectKey());
        assertFalse(storage.exists(file.objectKey() + "0000_part_00"));
        assertFalse(storage.exists(file.manifestKey()));
    }
}
