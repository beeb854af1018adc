package io.github.camelkeboola.component.wire;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps query strings out of HttpClient's own logs. A presigned S3 URL, an Azure SAS and a GCS resumable session URI
 * carry their credential in the query, and HttpClient's {@code MainClientExec} logs every request line at DEBUG
 * ("executing GET /bucket/key?X-Amz-Signature=..."). Placed right before that last element of the chain, this hands
 * it a request whose target shows every query value as {@code xxxxxx}; the connections of
 * {@link TokenSafeConnectionFactory} write the real target on the wire.
 */
public final class MaskedQueries implements ExecChainHandler {

    private static final Pattern QUERY_VALUE = Pattern.compile("=([^&#]*)");
    /** A credential written as {@code name=value} (a query, a connection string) or a bearer token, in any text. */
    private static final Pattern CREDENTIAL_IN_TEXT = Pattern.compile(
            "(?i)((?:sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential|x-goog-signature|x-goog-credential"
            + "|upload_id|access_token|sessiontoken|secretaccesskey|sharedaccesssignature|token)=)[^&;\\s\"'<]+"
            + "|(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        String target = request.getRequestUri();
        if (target == null || target.indexOf('?') < 0 || request instanceof MaskedRequest) {
            return chain.proceed(request, scope);
        }
        return chain.proceed(new MaskedRequest(request, target), scope);
    }

    /** {@code /path?a=xxxxxx&b=xxxxxx}: the names of the query parameters, none of their values. */
    public static String mask(String target) {
        int q = target.indexOf('?');
        if (q < 0) {
            return target;
        }
        Matcher m = QUERY_VALUE.matcher(target.substring(q));
        return target.substring(0, q) + m.replaceAll("=xxxxxx");
    }

    /** {@code text} (an error a storage answered, an I/O failure) with every credential-like value replaced by xxxxxx. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return CREDENTIAL_IN_TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1) != null ? m.group(1) : m.group(2)) + "xxxxxx"));
    }

    /** The target to send: the real one of a masked request, else the request's own. */
    static String realTarget(ClassicHttpRequest request) {
        return request instanceof MaskedRequest masked ? masked.realTarget : request.getRequestUri();
    }

    /** The same request (headers, entity, version) whose path shows masked query values. */
    private static final class MaskedRequest extends BasicClassicHttpRequest {
        private final String realTarget;

        MaskedRequest(ClassicHttpRequest original, String realTarget) {
            super(original.getMethod(), original.getScheme(), original.getAuthority(), mask(realTarget));
            this.realTarget = realTarget;
            setVersion(original.getVersion());
            setHeaders(original.getHeaders());
            setEntity(original.getEntity());
        }
    }
}
