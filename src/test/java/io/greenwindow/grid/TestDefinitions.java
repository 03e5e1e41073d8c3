package io.greenwindow.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Adapter definitions written as users write them, in YAML. */
public final class TestDefinitions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestDefinitions() {
    }

    public static AdapterDefinition yaml(String text) {
        try {
            return AdapterDefinitions.parse("test.yaml", YAML.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
