package io.github.camelkeboola.component.transfer;

import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** SigV4 against the worked example of AWS's S3 documentation ("GET Object" with a Range header). */
class SigV4Test {

    @Test
    void signsTheDocumentedGetObjectExample() {
        SigV4 signer = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null, "us-east-1");
        URI uri = URI.create("https://examplebucket.s3.amazonaws.com/test.txt");
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("GET", uri);

        signer.sign(request, uri, Map.of("Range", "bytes=0-9"), SigV4.EMPTY_SHA256, Instant.parse("2013-05-24T00:00:00Z"));

        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
                request.getFirstHeader("Authorization").getValue());
        assertEquals("20130524T000000Z", request.getFirstHeader("x-amz-date").getValue());
        assertNull(request.getFirstHeader("x-amz-security-token"), "no session token, no header");
    }

    @Test
    void sessionTokenIsSentAndSigned() {
        SigV4 signer = new SigV4("ASIAKEY", "secret", "session-token", "eu-central-1");
        URI uri = URI.create("http://127.0.0.1:9000/bucket/key?partNumber=1&uploadId=abc");
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("PUT", uri);

        signer.sign(request, uri, Map.of(), SigV4.EMPTY_SHA256, Instant.parse("2026-01-01T00:00:00Z"));

        assertEquals("session-token", request.getFirstHeader("x-amz-security-token").getValue());
        assertEquals("127.0.0.1:9000", request.getFirstHeader("host").getValue());
        String authorization = request.getFirstHeader("Authorization").getValue();
        assertEquals(true, authorization.contains("/20260101/eu-central-1/s3/aws4_request")
                && authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token"), authorization);
    }
}
