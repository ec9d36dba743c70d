package io.pflogstream.io;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The published JSON Schemas of the output records, as consumers would load them. */
public final class Schemas {
    private Schemas() {}

    /** pflog.summary's records (and report --format json). */
    public static JsonSchema summary() {
        return load("/schema/summary.schema.json");
    }

    /** pflog.alerts's records (and report --format alerts). */
    public static JsonSchema alert() {
        return load("/schema/alert.schema.json");
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
