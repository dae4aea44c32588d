package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The message records of one value's message type, sorted by id.
 *
 * @param value the value record
 * @param valueType its class name
 * @param messageType the message type: a record, or a sealed interface of records
 * @param messagesName the generated class
 * @param messages the message records, in ascending id order
 * @param fingerprint the set's fingerprint
 * @param suppressedWarnings the warnings its generated code must suppress because it uses
 *     deprecated elements; usually none
 */
public record MessageSetModel(TypeElement value, ClassName valueType, ClassName messageType, ClassName messagesName,
        List<EncodedRecord> messages, long fingerprint, List<String> suppressedWarnings) {

    /** The format version that prefixes the set's description. */
    public static final String FORMAT = "livestore-messages-v1";

    public MessageSetModel {
        messages = List.copyOf(messages);
        suppressedWarnings = List.copyOf(suppressedWarnings);
    }

    /**
     * @param value the value record
     * @param messageType the message type
     * @param messages the message records, in any order
     * @param suppressedWarnings the warnings the generated code must suppress
     * @return the model, with the records sorted by id and the fingerprint computed
     */
    public static MessageSetModel of(TypeElement value, ClassName messageType, List<EncodedRecord> messages,
            List<String> suppressedWarnings) {
        ClassName valueType = ClassName.get(value);
        List<EncodedRecord> sorted = EncodedRecord.sortedById(messages);
        return new MessageSetModel(value, valueType, messageType, Names.messagesName(valueType), sorted,
                EncodedRecord.fingerprint(FORMAT, messageType.canonicalName(), sorted), suppressedWarnings);
    }

    /** @return whether the message type is a single record rather than a sealed interface */
    public boolean isSingleRecord() {
        return messages.size() == 1 && messages.get(0).type().equals(messageType);
    }
}
