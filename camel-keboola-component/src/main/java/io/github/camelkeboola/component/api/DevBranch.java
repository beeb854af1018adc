package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The development branch an endpoint's Storage calls go to (its {@code branch} option), checked once: at the first
 * call that needs it, {@code default} becomes the id of the branch {@code GET dev-branches} marks {@code isDefault}
 * (as keboola/go-client {@code GetDefaultBranchRequest} and the PHP client's {@code DevBranches::getDefaultBranch}
 * find it), and an id is looked up with {@code GET dev-branches/{id}}, so a wrong one fails naming the branch rather
 * than as a "table not found". A failed look-up is tried again at the next call. See BRANCHES.md.
 */
final class DevBranch {

    /** {@code null}: no branch option, calls go to production without branch paths. */
    private final String configured;
    private volatile String id;

    DevBranch(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : configured.trim();
    }

    boolean isSet() {
        return configured != null;
    }

    /**
     * The branch's id, looked up at the first call through {@code get} (a Storage API GET of a path outside the
     * branch, whose failure names the path and so the branch); {@code null} without a branch option.
     */
    String id(Function<String, JsonNode> get) {
        if (configured == null) {
            return null;
        }
        String known = id;
        if (known == null) {
            synchronized (this) {
                if (id == null) {
                    id = "default".equals(configured) ? defaultBranchId(get.apply("dev-branches"))
                            : get.apply("dev-branches/" + URLEncoder.encode(configured, StandardCharsets.UTF_8))
                                    .path("id").asText(configured);
                }
                known = id;
            }
        }
        return known;
    }

    private static String defaultBranchId(JsonNode branches) {
        for (JsonNode branch : branches) {
            if (branch.path("isDefault").asBoolean(false) && branch.hasNonNull("id")) {
                return branch.get("id").asText();
            }
        }
        throw new KeboolaException("branch=default: GET dev-branches lists no branch with isDefault true (it lists "
                                   + branches.size() + " branches)", null, null);
    }

    @Override
    public String toString() {
        return configured == null ? "production" : "branch " + (id == null ? configured : id);
    }
}
