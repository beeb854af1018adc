package io.github.camelkeboola.component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keboola's multi-tenant stacks by name, as Keboola's developer docs list them (keboola/developers-docs
 * {@code overview/api/index.md}, "Multi-tenant stacks"; contract §2). A single-tenant stack
 * ({@code https://connection.CUSTOMER.keboola.com}) or the emulator is set with {@code stackUrl} instead.
 */
public final class KeboolaStacks {

    private static final Map<String, String> URLS = new LinkedHashMap<>();

    static {
        URLS.put("aws-us-east-1", "https://connection.keboola.com");                      // US Virginia AWS
        URLS.put("gcp-us-east4", "https://connection.us-east4.gcp.keboola.com");          // US Virginia GCP
        URLS.put("aws-eu-central-1", "https://connection.eu-central-1.keboola.com");      // EU Frankfurt AWS
        URLS.put("azure-north-europe", "https://connection.north-europe.azure.keboola.com"); // EU Ireland Azure
        URLS.put("gcp-europe-west3", "https://connection.europe-west3.gcp.keboola.com");  // EU Frankfurt GCP
    }

    /** The names, comma-separated, for the option's enums and error messages. */
    public static final String NAMES = "aws-us-east-1,gcp-us-east4,aws-eu-central-1,azure-north-europe,gcp-europe-west3";

    private KeboolaStacks() {
    }

    /** The Storage API URL of the stack {@code name}; an unknown name fails listing the known ones. */
    public static String url(String name) {
        String url = URLS.get(name == null ? null : name.trim());
        if (url == null) {
            throw new IllegalArgumentException("Unknown Keboola stack '" + name + "': one of " + String.join(", ", URLS.keySet())
                                               + "; for a single-tenant stack (https://connection.CUSTOMER.keboola.com) set stackUrl");
        }
        return url;
    }
}
