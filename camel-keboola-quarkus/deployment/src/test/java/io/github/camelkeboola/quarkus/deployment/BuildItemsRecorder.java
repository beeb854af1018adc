package io.github.camelkeboola.quarkus.deployment;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A build step that hands the running test app what the build produced for a native image (reflective classes,
 * resources) and the features, as a generated resource: native cannot be built here, but what it would be given
 * can be checked.
 */
final class BuildItemsRecorder {

    private static final String RESOURCE = "build-items.properties";

    private BuildItemsRecorder() {
    }

    static Consumer<BuildChainBuilder> asResource() {
        return chain -> chain.addBuildStep(context -> {
            Properties items = new Properties();
            items.setProperty("reflective-classes", joined(context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                    .flatMap(item -> item.getClassNames().stream())));
            items.setProperty("native-resources", joined(context.consumeMulti(NativeImageResourceBuildItem.class).stream()
                    .flatMap(item -> item.getResources().stream())));
            items.setProperty("features", joined(context.consumeMulti(FeatureBuildItem.class).stream()
                    .map(FeatureBuildItem::getName)));
            StringWriter text = new StringWriter();
            try {
                items.store(text, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.produce(new GeneratedResourceBuildItem(RESOURCE, text.toString().getBytes(StandardCharsets.UTF_8)));
        }).consumes(ReflectiveClassBuildItem.class)
                .consumes(NativeImageResourceBuildItem.class)
                .consumes(FeatureBuildItem.class)
                .produces(GeneratedResourceBuildItem.class)
                .build();
    }

    /** In the running app: the recorded names of one kind. */
    static List<String> recorded(String kind) throws IOException {
        Properties items = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            items.load(in);
        }
        return List.of(items.getProperty(kind).split(" "));
    }

    private static String joined(Stream<String> names) {
        return names.collect(Collectors.joining(" "));
    }
}
