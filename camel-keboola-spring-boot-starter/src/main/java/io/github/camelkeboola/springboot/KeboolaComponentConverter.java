package io.github.camelkeboola.springboot;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds the object options of {@code camel.component.keboola} written as bean references ({@code "#cursorFile"}
 * or {@code "#bean:cursorFile"}) to the named Spring bean.
 */
public class KeboolaComponentConverter implements GenericConverter {

    private final BeanFactory beanFactory;

    public KeboolaComponentConverter(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return KeboolaComponentConfiguration.BEAN_REFERENCE_TYPES.stream()
                .map(type -> new ConvertiblePair(String.class, type))
                .collect(Collectors.toSet());
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String reference = source.toString();
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException("Expected a bean reference such as #myBean for a "
                    + targetType.getType().getName() + ", got: " + reference);
        }
        String name = reference.startsWith("#bean:") ? reference.substring("#bean:".length()) : reference.substring(1);
        return beanFactory.getBean(name, targetType.getType());
    }
}
