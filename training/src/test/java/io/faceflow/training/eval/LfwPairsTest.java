package io.faceflow.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LfwPairsTest {
    static final String TWO_FOLDS = "2\t2\n"
            + "Abel_Pacheco\t1\t4\n"
            + "Akhmed_Zakayev\t1\t3\n"
            + "Abdel_Madi_Shabneh\t1\tDean_Barker\t1\n"
            + "Abdel_Madi_Shabneh 1 Giancarlo_Fisichella 1\n"
            + "Zico 2 3\n"
            + "Ziwang_Xu\t1\t2\n"
            + "\n"
            + "Zoe_Ball\t1\tZumrati_Juma\t1\n"
            + "Zorica_Radovic\t1\tZico\t2\n";

    @Test
    void parsesFoldsAndBothLineShapes() throws IOException {
        List<LfwPair> pairs = LfwPairs.parse(TWO_FOLDS);
        assertEquals(8, pairs.size());
        LfwPair first = pairs.get(0);
        assertTrue(first.same());
        assertEquals("Abel_Pacheco/Abel_Pacheco_0001.jpg", first.leftPath());
        assertEquals("Abel_Pacheco/Abel_Pacheco_0004.jpg", first.rightPath());
        LfwPair diff = pairs.get(3);
        assertFalse(diff.same());
        assertEquals("Giancarlo_Fisichella/Giancarlo_Fisichella_0001.jpg", diff.rightPath());
        assertEquals(0, diff.fold());
        assertEquals(1, pairs.get(4).fold());
        assertEquals(1, pairs.get(7).fold());
    }

    @Test
    void singleCountHeaderIsOneFold() throws IOException {
        List<LfwPair> pairs = LfwPairs.parse("1\nA 1 2\nA 1 B 1\n");
        assertEquals(2, pairs.size());
        assertEquals(0, pairs.get(1).fold());
    }

    @Test
    void errorsSayWhatIsWrong() {
        IOException count = assertThrows(IOException.class, () -> LfwPairs.parse("10\t300\nA 1 2\n"));
        assertTrue(count.getMessage().contains("6000"), count.getMessage());
        IOException shape = assertThrows(IOException.class, () -> LfwPairs.parse("1\nA 1\nA 1 B 1\n"));
        assertTrue(shape.getMessage().contains("line 2"), shape.getMessage());
        assertThrows(IOException.class, () -> LfwPairs.parse("ten pairs\n"));
    }
}
