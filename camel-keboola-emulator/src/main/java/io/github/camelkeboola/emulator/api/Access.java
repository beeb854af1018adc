package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Table;

/** Finds buckets and tables by id and checks the token may use them, with the API's 404 and 403 answers. */
final class Access {

    static final String PROJECT_ID = "1";

    private Access() {
    }

    /** The bucket of the request's branch, if it exists and the token has {@code level} on it. */
    static Bucket bucket(Stack stack, ApiRequest request, String bucketId, String level) {
        Bucket bucket = stack.catalog.bucket(request.branchId(), bucketId).orElseThrow(() -> bucketNotFound(bucketId));
        if (!request.token().allows(bucketId, level)) {
            throw ApiException.accessDenied();
        }
        return bucket;
    }

    /** The table of the request's branch, if it exists and the token has {@code level} on its bucket. */
    static Table table(Stack stack, ApiRequest request, String tableId, String level) {
        String bucketId = bucketIdOf(tableId);
        bucket(stack, request, bucketId, level);
        return stack.catalog.table(request.branchId(), tableId).orElseThrow(() -> ApiException.notFound("storage.tables.notFound",
                "The table \"" + tableId.substring(bucketId.length() + 1) + "\" was not found in the bucket \""
                        + bucketId + "\" in the project \"" + PROJECT_ID + "\""));
    }

    /** {@code in.c-main.users} → {@code in.c-main}; an id without a table part names no table. */
    static String bucketIdOf(String tableId) {
        String[] parts = tableId.split("\\.", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            throw ApiException.notFound("storage.tables.notFound", "The table \"" + tableId + "\" was not found in the project \""
                    + PROJECT_ID + "\"");
        }
        return parts[0] + "." + parts[1];
    }

    static ApiException bucketNotFound(String bucketId) {
        return ApiException.notFound("storage.buckets.notFound",
                "The bucket \"" + bucketId + "\" was not found in the project \"" + PROJECT_ID + "\"");
    }
}
