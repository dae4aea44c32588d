package io.livestore.processor.model;

import javax.lang.model.element.Element;

/**
 * One stored record component.
 *
 * @param element the component, to blame in diagnostics
 * @param name the component's name
 * @param type how it is stored
 * @param offset its offset from the start of the value
 */
public record FieldModel(Element element, String name, FieldType type, int offset) {

    /** @return the name in UPPER_SNAKE_CASE, for generated constants */
    public String constantName() {
        return Names.upperSnake(name);
    }
}
