package io.faceflow.streams.tracking;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A camera's {@link TrackerState} as JSON, for the tracks store. Embeddings, most of the bytes,
 * are written as base64 of their little-endian floats: a third of the size of number arrays, and
 * exact. Unknown fields are ignored, so a state written by a newer version still reads.
 */
public final class TrackerStateSerde implements Serde<TrackerState> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("float arrays as base64")
                    .addSerializer(float[].class, new FloatsWriter())
                    .addDeserializer(float[].class, new FloatsReader()));

    @Override
    public Serializer<TrackerState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the tracks of camera " + state.cameraId(), e);
            }
        };
    }

    @Override
    public Deserializer<TrackerState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, TrackerState.class);
            } catch (IOException e) {
                throw new UncheckedIOException("not a tracker state: " + e.getMessage(), e);
            }
        };
    }

    private static final class FloatsWriter extends StdSerializer<float[]> {
        FloatsWriter() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * v.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(v);
            gen.writeBinary(bytes.array());
        }
    }

    private static final class FloatsReader extends StdDeserializer<float[]> {
        FloatsReader() {
            super(float[].class);
        }

        @Override
        public float[] deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            byte[] bytes = p.getBinaryValue();
            if (bytes.length % Float.BYTES != 0) {
                throw ctx.weirdStringException(p.getText(), float[].class, "not a whole number of floats");
            }
            float[] v = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
    }
}
