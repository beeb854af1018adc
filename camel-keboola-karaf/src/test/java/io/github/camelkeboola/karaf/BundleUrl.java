package io.github.camelkeboola.karaf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Karaf bundle or repository URL: {@code [wrap:]mvn:group/artifact/version[/type/classifier][$instructions]}, the
 * instructions being the bnd headers Karaf's {@code wrap:} protocol applies.
 */
record BundleUrl(boolean wrap, String groupId, String artifactId, String version, String type, String classifier,
                 Map<String, String> instructions) {

    private static final Pattern URL =
            Pattern.compile("(wrap:)?mvn:([^/]+)/([^/]+)/([^/$]+)(?:/([^/$]+)/([^/$]+))?(?:\\$(.*))?");

    static BundleUrl parse(String url) {
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a [wrap:]mvn: URL: " + url);
        }
        Map<String, String> instructions = new LinkedHashMap<>();
        if (m.group(7) != null) {
            for (String instruction : m.group(7).split("&")) {
                int eq = instruction.indexOf('=');
                instructions.put(instruction.substring(0, eq),
                        URLDecoder.decode(instruction.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new BundleUrl(m.group(1) != null, m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), instructions);
    }
}
