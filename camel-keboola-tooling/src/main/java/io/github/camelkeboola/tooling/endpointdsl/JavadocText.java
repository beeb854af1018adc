package io.github.camelkeboola.tooling.endpointdsl;

import java.util.ArrayList;
import java.util.List;

/** Javadoc comments out of catalog descriptions: escaped, wrapped, indented. */
final class JavadocText {

    private static final int WIDTH = 100;

    private JavadocText() {
    }

    /** A catalog text made safe for a Javadoc comment (HTML and comment delimiters escaped). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;");
    }

    /** A Javadoc comment at {@code indent}; each paragraph is wrapped, an empty string makes a blank line. */
    static String comment(String indent, List<String> paragraphs) {
        StringBuilder out = new StringBuilder(indent).append("/**\n");
        for (String paragraph : paragraphs) {
            if (paragraph.isEmpty()) {
                out.append(indent).append(" *\n");
                continue;
            }
            for (String line : wrap(paragraph, WIDTH - indent.length() - 3)) {
                out.append(indent).append(" * ").append(line).append('\n');
            }
        }
        return out.append(indent).append(" */\n").toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
