package io.github.camelkeboola.examples.springboot;

import java.io.File;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The changes consumer's cursor, in a file that outlives restarts ({@code example.cursor-file}). */
@Configuration(proxyBeanMethods = false)
public class CursorConfiguration {

    @Bean
    StateRepository<String, String> changeCursor(@Value("${example.cursor-file}") File file) {
        return FileStateRepository.fileStateRepository(file);
    }
}
