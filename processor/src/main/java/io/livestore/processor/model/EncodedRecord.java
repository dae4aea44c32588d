package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * One mutation record of a value.
 *
 * @param element the record
 * @param type its class name
 * @param stableName the name its id is derived from
 * @param id the mutation id
 * @param layout its encoding
 */
public record MutationModel(TypeElement element, ClassName type, String stableName, int id, LayoutModel layout) {

    /** @return the flattened simple name, such as {@code Damage} or {@code Game_Damage} */
    public String flatName() {
        return Names.flatName(type);
    }

    /** @return the name of the generated id constant, such as {@code DAMAGE} */
    public String constantName() {
        return Names.upperSnake(flatName());
    }
}
