package io.github.camelkeboola.emulator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method and path to a handler. Path patterns are regular expressions; their groups become path parameters. */
public final class Router {

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    /** @param tokenRequired whether the route needs {@code X-StorageApi-Token} */
    public record Route(String method, Pattern path, boolean tokenRequired, Handler handler) {
    }

    /** A route found for a request, with its path parameters. */
    public record Match(Route route, List<String> pathParams) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route that needs a token; {@code path} is relative to {@code /v2/storage}. */
    public Router add(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile("/v2/storage" + path), true, handler));
        return this;
    }

    /** Adds a route of another service of the stack (such as the Queue API) that needs a token; {@code path} is absolute. */
    public Router addService(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), true, handler));
        return this;
    }

    /** Adds a route without token check; {@code path} is absolute. */
    public Router addPublic(String method, String path, Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), false, handler));
        return this;
    }

    /** The route for a request; 405 when only the method differs, 404 when no path matches. */
    public Match match(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (m.matches()) {
                if (route.method().equalsIgnoreCase(method)) {
                    List<String> params = new ArrayList<>();
                    for (int i = 1; i <= m.groupCount(); i++) {
                        params.add(m.group(i));
                    }
                    return new Match(route, params);
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw new ApiException(405, "methodNotAllowed",
                    "Method " + method + " is not allowed for " + path + ".");
        }
        throw ApiException.notFound("notFound", "Route " + method + " " + path + " not found.");
    }
}
