package io.github.camelkeboola.emulator.api;

/** An error answer of the Storage API: HTTP status, Keboola error code and message. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException validation(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException accessDenied() {
        return new ApiException(403, "accessDenied", "You don't have access to the resource.");
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
