package io.github.camelkeboola.tooling.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated parts of a hand-written AsciiDoc page: the lines between {@code // <region>: START} and
 * {@code // <region>: END}. Everything outside the markers is left as it is.
 */
final class MarkedRegions {

    private static final Pattern START = Pattern.compile("^// (.+): START$");

    private MarkedRegions() {
    }

    /** The names of the regions of {@code text}, in order. */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher start = START.matcher(line);
            if (start.matches()) {
                names.add(start.group(1));
            }
        }
        return names;
    }

    /** {@code text} with each region's lines replaced by {@code content.apply(region name)}. */
    static String fill(String text, UnaryOperator<String> content) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
            Matcher start = START.matcher(lines[i]);
            if (!start.matches()) {
                continue;
            }
            String end = "// " + start.group(1) + ": END";
            int close = i + 1;
            while (close < lines.length && !lines[close].equals(end)) {
                close++;
            }
            if (close == lines.length) {
                throw new IllegalArgumentException("No '" + end + "' after '" + lines[i] + "'");
            }
            String generated = content.apply(start.group(1));
            out.append(generated);
            if (!generated.isEmpty() && !generated.endsWith("\n")) {
                out.append('\n');
            }
            i = close - 1;
        }
        return out.toString();
    }
}
