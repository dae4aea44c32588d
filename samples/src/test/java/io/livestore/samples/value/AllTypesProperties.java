package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random records through native memory and back: values and the mutations that change them.
 * Seeded ({@link SeededTrials}): {@code -Dlivestore.seed=N} runs other cases.
 */
class AllTypesProperties {

    private static final long OFFSET = 40;
    private final OffHeap memory = new OffHeap(OFFSET + AllTypesLayout.SIZE + 8);

    @AfterEach
    void free() {
        memory.close();
    }

    @Test
    void value_roundTrips() {
        SeededTrials.run(500, random -> {
            AllTypes value = RandomRecords.allTypes(random);
            AllTypesLayout.INSTANCE.encode(value, memory.bytes, OFFSET);
            assertEquals(value, AllTypesLayout.INSTANCE.decode(memory.bytes, OFFSET));
            assertEquals(value.d(), AllTypesLayout.d(memory.bytes, OFFSET));
            assertEquals(value.longText(),
                    AllTypesLayout.longText(memory.bytes, OFFSET, new StringBuilder()).toString());
        });
    }

    @Test
    void replace_roundTripsAndApplies() {
        SeededTrials.run(300, random -> {
            AllTypes before = RandomRecords.allTypes(random);
            AllTypes after = RandomRecords.allTypes(random);
            Replace mutation = new Replace(after);
            int id = AllTypesMutations.INSTANCE.encode(mutation, memory.bytes, OFFSET);
            assertEquals(AllTypesMutations.REPLACE, id);
            assertEquals(mutation, AllTypesMutations.INSTANCE.decode(id, memory.bytes, OFFSET));
            assertEquals(after, AllTypesMutations.INSTANCE.apply(id, memory.bytes, OFFSET, before));
        });
    }

    @Test
    void retag_roundTripsAndApplies() {
        SeededTrials.run(300, random -> {
            Retag mutation = RandomRecords.retag(random);
            AllTypes before = RandomRecords.allTypes(random);
            int id = AllTypesMutations.INSTANCE.encode(mutation, memory.bytes, OFFSET);
            assertEquals(AllTypesMutations.RETAG, id);
            assertEquals(mutation, AllTypesMutations.INSTANCE.decode(id, memory.bytes, OFFSET));
            if (!Double.isNaN(mutation.delta())) {
                assertEquals(mutation.apply(before), AllTypesMutations.INSTANCE.apply(id, memory.bytes, OFFSET, before));
            }
        });
    }
}
