package io.github.camelkeboola.benchmarks;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.commons.csv.QuoteMode;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * What a competent Camel user writes without this component, with Camel's own components as their docs suggest:
 * camel-http + camel-jackson for the Storage API calls and the job polling loop, camel-aws2-s3 with the file's
 * temporary credentials for the data, camel-csv for the export's header row, camel-zip-deflater to gunzip slices.
 * The simplest correct routes: slices one after the other, the import's CSV file uploaded as it is (one PUT).
 */
final class HandRolledRoutes extends RouteBuilder {

    private final Scenario.Stack stack;
    private final String api;
    private final Sink sink;

    HandRolledRoutes(Scenario.Stack stack, Sink sink) {
        this.stack = stack;
        this.api = stack.url() + "/v2/storage";
        this.sink = sink;
    }

    @Override
    public void configure() {
        // One Storage API call: the caller sets method, URI (and a form body); the JSON answer becomes a Map.
        from("direct:storage")
                .setHeader("X-StorageApi-Token", constant(stack.token()))
                .to("http:storage")
                .removeHeaders("*")
                .unmarshal().json();

        // Polls a job (the body) until it ends, at a fixed pace.
        from("direct:waitForJob")
                .loopDoWhile(simple("${body[status]} != 'success' && ${body[status]} != 'error'"))
                    .delay(Stacks.POLL_MAX_MILLIS)
                    .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                    .setHeader(Exchange.HTTP_URI, simple(api + "/jobs/${body[id]}"))
                    .setBody(constant(null))
                    .to("direct:storage")
                .end()
                .filter(simple("${body[status]} == 'error'"))
                    .process(e -> {
                        throw new IllegalStateException("Storage job failed: " + e.getMessage().getBody());
                    })
                .end();

        CsvDataFormat header = new CsvDataFormat();
        header.setQuoteMode(QuoteMode.ALL);
        header.setRecordSeparator("\n");

        from("direct:export")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.HTTP_URI, simple(api + "/tables/${exchangeProperty.table}/export-async"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/x-www-form-urlencoded"))
                .setBody(constant("gzip=1"))
                .to("direct:storage")
                .to("direct:waitForJob")
                .setProperty("jobId", simple("${body[id]}"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_URI, simple(api + "/files/${body[results][file][id]}?federationToken=1"))
                .setBody(constant(null))
                .to("direct:storage")
                .setProperty("file", body())
                .setProperty("s3", method(HandRolledRoutes.class, "s3Uri"))
                // Slices have no header row: the table's columns, written by camel-csv.
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_URI, simple(api + "/tables/${exchangeProperty.table}"))
                .setBody(constant(null))
                .to("direct:storage")
                .process(e -> e.getMessage().setBody(List.of(e.getMessage().getBody(Map.class).get("columns"))))
                .marshal(header)
                .process(e -> sink.drain(e.getMessage().getMandatoryBody(InputStream.class)))
                // The manifest, through its presigned URL, lists the slices.
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_URI, simple("${exchangeProperty.file[url]}"))
                .setBody(constant(null))
                .to("http:manifest")
                .unmarshal().json()
                .split(simple("${body[entries]}")).streaming()
                    .removeHeaders("*")
                    .setHeader("CamelAwsS3Key", method(HandRolledRoutes.class, "sliceKey"))
                    .toD("${exchangeProperty.s3}&operation=getObject")
                    .unmarshal().gzipDeflater()
                    .process(e -> sink.drain(e.getMessage().getMandatoryBody(InputStream.class)))
                .end()
                .setBody(exchangeProperty("jobId"));

        from("direct:import")
                .setProperty("csv", body())
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.HTTP_URI, constant(api + "/files/prepare"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/x-www-form-urlencoded"))
                .setBody(simple("name=${exchangeProperty.table}.csv&federationToken=1"))
                .to("direct:storage")
                .setProperty("prepared", body())
                .setProperty("s3", method(HandRolledRoutes.class, "s3Uri"))
                .setHeader("CamelAwsS3Key", simple("${body[uploadParams][key]}"))
                .process(e -> e.getMessage().setHeader("CamelAwsS3ServerSideEncryption",
                        ((Map<?, ?>) e.getMessage().getBody(Map.class).get("uploadParams")).get("x-amz-server-side-encryption")))
                .setBody(exchangeProperty("csv"))
                .toD("${exchangeProperty.s3}")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.HTTP_URI, simple(api + "/buckets/" + Scenario.BUCKET + "/tables-async"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/x-www-form-urlencoded"))
                .setBody(simple("name=${exchangeProperty.table}&dataFileId=${exchangeProperty.prepared[id]}"))
                .to("direct:storage")
                .to("direct:waitForJob")
                .setBody(simple("${body[id]}"));
    }

    /**
     * The camel-aws2-s3 endpoint for a file (its detail, or the answer of files/prepare), with the temporary credentials
     * Keboola issued for it. The endpoint override (the emulator's S3) is the only part a route against AWS leaves out.
     */
    @SuppressWarnings("unchecked")
    public static String s3Uri(Map<String, Object> file) {
        Map<String, Object> location = file.containsKey("uploadParams") ? (Map<String, Object>) file.get("uploadParams") : file;
        Map<String, Object> credentials = (Map<String, Object>) location.get("credentials");
        Object bucket = file.containsKey("uploadParams") ? location.get("bucket") : ((Map<?, ?>) file.get("s3Path")).get("bucket");
        Object region = file.get("region");
        return "aws2-s3:" + bucket + "?region=" + (region == null || region.toString().isEmpty() ? "us-east-1" : region)
                + "&accessKey=RAW(" + credentials.get("AccessKeyId") + ")&secretKey=RAW(" + credentials.get("SecretAccessKey")
                + ")&sessionToken=RAW(" + credentials.get("SessionToken") + ")&useSessionCredentials=true"
                + "&overrideEndpoint=true&uriEndpointOverride=" + Stacks.origin(file.get("url").toString()) + "&forcePathStyle=true";
    }

    /** A manifest entry's object key: its {@code s3://bucket/} URL less the bucket. */
    public static String sliceKey(Map<String, Object> entry) {
        return entry.get("url").toString().replaceFirst("^s3://[^/]+/", "");
    }
}
