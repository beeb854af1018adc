package io.github.camelkeboola.tooling.docs;

import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.catalog.Header;
import io.github.camelkeboola.tooling.catalog.Option;

import java.util.List;

/** The option and header tables of a component guide, rendered from the catalog as plain AsciiDoc tables. */
final class OptionTables {

    private static final String TABLE = "[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n"
                                        + "| Name | Description | Default | Type\n";

    private OptionTables() {
    }

    static String render(ComponentModel model) {
        StringBuilder out = new StringBuilder();
        out.append("== Options\n\n");
        out.append("Durations take milliseconds or a value with units such as `30s`, `5m` or `6h`.\n\n");
        out.append("=== Component options\n\n");
        out.append("The component has ").append(model.componentOptions().size())
                .append(" options, the defaults of all its endpoints:\n\n");
        options(out, model.componentOptions());
        out.append("\n=== Endpoint options\n\n");
        out.append("----\n").append(model.syntax()).append("\n----\n\n");
        out.append("Path parameters (").append(model.pathOptions().size()).append("):\n\n");
        options(out, model.pathOptions());
        out.append("\nQuery parameters (").append(model.queryOptions().size()).append("):\n\n");
        options(out, model.queryOptions());
        out.append("\n== Message headers\n\n");
        out.append("The component reads and writes ").append(model.headers().size()).append(" headers:\n\n");
        headers(out, model.headers());
        return out.toString();
    }

    private static void options(StringBuilder out, List<Option> options) {
        out.append(TABLE);
        for (Option o : options) {
            String description = (o.required() ? "*Required* " : "") + cell(o.description())
                                 + (o.enums().isEmpty() ? "" : " Values: " + code(o.enums()) + ".")
                                 + (o.secret() ? " Secret: masked in logs." : "");
            String type = "duration".equals(o.type()) ? "duration" : cell(o.shortJavaType());
            out.append("| *").append(o.name()).append("* (").append(o.group()).append(") | ").append(description)
                    .append(" | ").append(o.defaultValue() == null ? "" : "`" + cell(o.defaultValue()) + "`")
                    .append(" | ").append(type).append('\n');
        }
        out.append("|===\n");
    }

    private static void headers(StringBuilder out, List<Header> headers) {
        out.append(TABLE);
        for (Header h : headers) {
            String description = cell(h.description()) + (h.enums().isEmpty() ? "" : " Values: " + code(h.enums()) + ".")
                                 + " Constant: `" + h.constantReference() + "`.";
            out.append("| *").append(h.name()).append("* (").append(h.group()).append(") | ").append(description)
                    .append(" | ").append(h.defaultValue() == null ? "" : "`" + cell(h.defaultValue()) + "`")
                    .append(" | ").append(cell(h.shortJavaType())).append('\n');
        }
        out.append("|===\n");
    }

    private static String code(List<String> values) {
        return String.join(", ", values.stream().map(v -> "`" + cell(v) + "`").toList());
    }

    /** Text safe in a table cell: no cell separator, no attribute reference. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("{", "\\{");
    }
}
