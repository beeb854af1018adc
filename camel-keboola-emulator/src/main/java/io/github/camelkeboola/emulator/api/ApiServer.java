package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.camelkeboola.emulator.db.Branch;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.jobs.JobFailedException;
import io.github.camelkeboola.emulator.jobs.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLDataException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Storage API over HTTP: {@link HttpServer} with a thread pool. Applies armed faults, checks the
 * token, dispatches to the handlers and renders errors the way the real API does.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern BRANCH_PATH = Pattern.compile("/v2/storage/branch/([^/]+)(/.*)?");

    private final Stack stack;
    private final Router router;
    private HttpServer server;
    private ExecutorService executor;

    public ApiServer(Stack stack) {
        this.stack = stack;
        this.router = new Router();
        new IndexEndpoints(stack).register(router);
        new DevBranchEndpoints(stack).register(router);
        new TokenEndpoints(stack).register(router);
        new BucketEndpoints(stack).register(router);
        new TableEndpoints(stack).register(router);
        new SyncTableEndpoints(stack).register(router);
        new JobEndpoints(stack).register(router);
        new PreviewEndpoints(stack).register(router);
        new EventEndpoints(stack).register(router);
        new AdminEndpoints(stack).register(router);
        new FileEndpoints(stack).register(router);
        new AsyncTableEndpoints(stack).register(router);
        new ExportEndpoints(stack).register(router);
        new RowsDeleteEndpoints(stack).register(router);
        new ColumnEndpoints(stack).register(router);
        new MetadataEndpoints(stack).register(router);
        new QueueEndpoints(stack).register(router);
    }

    /** Starts listening; returns the bound port. */
    public int start(InetAddress address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 64);
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "keboola-emulator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        int bound = server.getAddress().getPort();
        stack.baseUrl("http://" + (address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress()) + ":" + bound);
        return bound;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String sent = normalize(exchange.getRequestURI().getRawPath());
        // a branch's path is served by the same handlers, told which branch (contract §0: branch/{branchId}/...)
        Matcher branchPath = BRANCH_PATH.matcher(sent);
        String branch = branchPath.matches() ? branchPath.group(1) : null;
        String path = branch == null ? sent : "/v2/storage" + (branchPath.group(2) == null ? "" : branchPath.group(2));
        // faults match the path as sent, so one can aim at a branch's calls
        Fault fault = path.startsWith("/_emulator")
                ? null
                : stack.faults.take(FaultTarget.API, method, sent).orElse(null);
        ApiResponse response;
        try {
            if (fault != null && fault.kind() == Fault.Kind.DELAY) {
                Thread.sleep(fault.duration().toMillis());
            }
            response = switch (fault == null ? Fault.Kind.DELAY : fault.kind()) {
                case STATUS -> error(new ApiException(fault.status(), "emulator.injectedFault",
                        "Injected fault: HTTP " + fault.status()));
                case MAINTENANCE -> maintenance(fault);
                case ACCEPT_THEN_STATUS -> gatewayError(dispatch(exchange, method, path, branch, null), fault.status());
                case GATEWAY_PAGE -> gatewayPage(fault.status());
                default -> dispatch(exchange, method, path, branch,
                        fault != null && fault.kind() == Fault.Kind.FAIL_JOB ? fault : null);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = error(new ApiException(503, "", "The emulator is stopping."));
        }
        // Path only: query strings and headers stay out of logs.
        LOG.debug("{} {} -> {}{}", method, sent, response.status(), fault == null ? "" : " (fault " + fault.kind() + ")");
        send(exchange, response, fault != null && fault.kind() == Fault.Kind.CUT_BODY ? fault.afterBytes() : -1);
    }

    /** Merges repeated slashes (as the stacks' nginx does) and drops a trailing slash. */
    private static String normalize(String path) {
        path = path.replaceAll("/{2,}", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private ApiResponse dispatch(HttpExchange exchange, String method, String path, String branch, Fault failJob) {
        try {
            Router.Match match = router.match(method, path);
            if (match.route().path().pattern().startsWith("/_emulator")
                    && !exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                throw ApiException.accessDenied();
            }
            Token token = match.route().tokenRequired() ? authenticate(exchange) : null;
            long branchId = branch == null ? Branch.DEFAULT_ID : branchId(branch);
            Params params = RequestBodies.params(exchange);
            return match.route().handler().handle(new ApiRequest(method, path, match.pathParams(), params, token,
                    exchange.getRequestHeaders(), failJob, branchId));
        } catch (ApiException e) {
            return error(e);
        } catch (JobFailedException e) {
            // Loading and validation code shared with jobs, run synchronously (the deprecated sync calls).
            return error(ApiException.validation(e.code(), e.getMessage()));
        } catch (SQLDataException e) {
            // A value the query cannot use, e.g. a filter with dataType INTEGER on text.
            return error(ApiException.validation("storage.tables.validation", "Invalid value in the request: " + e.getMessage()));
        } catch (Exception | Error e) {
            // an Error too: left unanswered, the JDK server would keep the client waiting forever
            String exceptionId = JobQueue.exceptionId();
            LOG.error("{} {} failed (exceptionId {})", method, path, exceptionId, e);
            return error(new ApiException(500, "", "Internal Server Error occurred."), exceptionId);
        }
    }

    /** {@code default} or the id of an existing branch; any other is 404 as for {@code GET dev-branches/{id}}. */
    private long branchId(String branch) {
        if ("default".equals(branch)) {
            return Branch.DEFAULT_ID;
        }
        try {
            long id = Long.parseLong(branch);
            if (stack.catalog.branch(id).isPresent()) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not an id: not found either
        }
        throw DevBranchEndpoints.notFound(branch);
    }

    private Token authenticate(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("X-StorageApi-Token");
        if (value == null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                value = authorization.substring(7).trim();
            }
        }
        if (value == null || value.isBlank()) {
            throw new ApiException(401, "", "Access token must be set");
        }
        Optional<Token> token = stack.catalog.tokenByValue(value.trim());
        return token.orElseThrow(() -> new ApiException(401, "storage.tokenInvalid", "Invalid access token"));
    }

    static ApiResponse error(ApiException e) {
        return error(e, JobQueue.exceptionId());
    }

    private static ApiResponse error(ApiException e, String exceptionId) {
        ObjectNode body = Json.object();
        body.put("error", e.getMessage());
        body.put("code", e.code());
        body.put("exceptionId", exceptionId);
        body.put("status", "error");
        return ApiResponse.json(e.status(), body);
    }

    private ApiResponse maintenance(Fault fault) {
        ObjectNode body = Json.object();
        body.put("status", "maintenance");
        body.put("reason", "Emulated maintenance");
        body.put("estimatedEndTime", Json.colonTime(stack.clock.instant().plus(fault.duration())));
        return ApiResponse.json(503, body).header("Retry-After", String.valueOf(fault.duration().toSeconds()));
    }

    /** What a gateway (nginx) answers in place of the upstream's answer {@code handled}: its own HTML page. */
    private static ApiResponse gatewayError(ApiResponse handled, int status) {
        LOG.debug("Injected fault: the request was answered {}, the caller gets {}", handled.status(), status);
        return gatewayPage(status);
    }

    private static ApiResponse gatewayPage(int status) {
        String title = status + (status == 504 ? " Gateway Time-out" : status == 502 ? " Bad Gateway" : " Error");
        String page = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                      + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return ApiResponse.text(status, "text/html", page);
    }

    /** Writes the response; with {@code cutAfter >= 0} sends only that many body bytes and drops the connection. */
    private static void send(HttpExchange exchange, ApiResponse response, long cutAfter) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType()
                    + (response.contentType().startsWith("text/") || response.contentType().endsWith("json") ? "; charset=utf-8" : ""));
        }
        byte[] body = response.body();
        boolean noBody = response.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (noBody) {
            exchange.close();
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (cutAfter >= 0 && cutAfter < body.length) {
            out.write(body, 0, (int) cutAfter);
            out.flush();
            // Throwing from the handler makes HttpServer close the connection mid-body.
            throw new IOException("Injected fault: connection cut after " + cutAfter + " bytes");
        }
        out.write(body);
        out.close();
    }

    @Override
    public void close() {
        stack.queueJobs.close();
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
