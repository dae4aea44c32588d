package io.livestore.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutPlannerTest {

    private static LayoutPlanner.Component c(String name, FieldType type) {
        return new LayoutPlanner.Component(null, name, type);
    }

    private static FieldType primitive(TypeName type, int size) {
        return new FieldType.Primitive(type, size);
    }

    @Test
    void plan_largestAlignmentFirst_tiesInDeclarationOrder() {
        LayoutModel layout = LayoutPlanner.plan("t.V", List.of(
                c("flag", primitive(TypeName.BOOLEAN, 1)),
                c("name", new FieldType.BoundedString(ClassName.get(String.class), 300)),
                c("count", primitive(TypeName.INT, 4)),
                c("total", primitive(TypeName.LONG, 8)),
                c("letter", primitive(TypeName.CHAR, 2)),
                c("ratio", primitive(TypeName.DOUBLE, 8))), true);
        List<Integer> offsets = layout.fields().stream().map(FieldModel::offset).toList();
        // total 0, ratio 8, count 16, name (2-byte prefix) 20, letter 322, flag 324; size 325 -> 328
        assertEquals(List.of(324, 20, 16, 0, 322, 8), offsets);
        assertEquals(328, layout.size());
        assertEquals("t.V{flag:boolean;name:String(300);count:int;total:long;letter:char;ratio:double}",
                layout.description());
    }

    @Test
    void plan_mutationsAreNotPadded() {
        LayoutModel layout = LayoutPlanner.plan("t.M", List.of(c("amount", primitive(TypeName.INT, 4))), false);
        assertEquals(4, layout.size());
        assertEquals(0, LayoutPlanner.plan("t.Reset", List.of(), false).size());
    }

    @Test
    void upperSnake_splitsWords() {
        assertEquals("MAX_HP", Names.upperSnake("maxHp"));
        assertEquals("GAME_SET_HP", Names.upperSnake("Game_SetHp"));
        assertEquals("HTTP_CODE", Names.upperSnake("httpCode"));
        assertEquals("URL_PATH", Names.upperSnake("URLPath"));
        assertEquals("X", Names.upperSnake("x"));
        assertEquals("LEVEL2_BOSS", Names.upperSnake("level2Boss"));
    }
}
