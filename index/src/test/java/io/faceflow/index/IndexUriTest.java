package io.faceflow.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IndexUriTest {
    @Test
    void parsesBothForms() {
        assertEquals(new IndexUri.Embedded(Path.of("/var/faceflow/index")), IndexUri.parse("file:/var/faceflow/index"));
        assertEquals(new IndexUri.Embedded(Path.of("data/index")), IndexUri.parse("file:data/index"));
        assertEquals(new IndexUri.Milvus("milvus.local", 19531), IndexUri.parse("milvus://milvus.local:19531"));
        assertEquals(19530, ((IndexUri.Milvus) IndexUri.parse("milvus://db")).port());
        assertEquals("http://db:19530", ((IndexUri.Milvus) IndexUri.parse("milvus://db")).endpoint());
    }

    @Test
    void refusesOthersSayingWhatWorks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IndexUri.parse("http://x"));
        assertTrue(e.getMessage().contains("milvus://host:port"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IndexUri.parse("file:"));
    }

    @Test
    void slugsAreSafeAndDistinct() {
        String a = CollectionNames.slug("elasticface-arc/1.0");
        assertTrue(a.matches("[A-Za-z0-9_]+"), a);
        assertTrue(!a.equals(CollectionNames.slug("elasticface_arc_1_0")));
    }

    @Test
    void idsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Ids.requireId("identity id", "../etc"));
        assertThrows(IllegalArgumentException.class, () -> Ids.requireId("identity id", "a\"b"));
        assertThrows(IllegalArgumentException.class, () -> Ids.requireKey("bad key"));
        assertEquals("alice.smith-01", Ids.requireId("identity id", "alice.smith-01"));
    }
}
