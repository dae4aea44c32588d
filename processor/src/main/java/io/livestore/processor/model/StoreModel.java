package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * The typed store of one value ({@code XStore}), ready to generate: what its methods take and
 * throw.
 *
 * @param value the value record
 * @param valueType its class name
 * @param layoutName its generated layout
 * @param mutationsName its generated mutation set
 * @param storeName the generated store
 * @param viewName its generated view
 * @param messageType the message type its watchers receive: the declared one, else {@code Object}
 * @param declaresMessages whether the value declares a message type (then {@code XMessages} exists)
 * @param closedMutationType the one type every mutation of the set is a subtype of (a sealed
 *     parent), which {@code mutate} then takes; empty if there is none, and {@code mutate} is
 *     generic over the rejection
 * @param shortcuts candidates for one method per mutation ({@code damage(key, amount)}); the
 *     writer drops those whose name is taken
 * @param withoutShortcut the mutations that get no shortcut for another reason than their name,
 *     each with the reason
 * @param suppressedWarnings the warnings the generated code must suppress because it uses
 *     deprecated elements; usually none
 */
public record StoreModel(TypeElement value, ClassName valueType, ClassName layoutName, ClassName mutationsName,
        ClassName storeName, ClassName viewName, TypeName messageType, boolean declaresMessages,
        Optional<MutationType> closedMutationType, List<Shortcut> shortcuts, List<SkippedShortcut> withoutShortcut,
        List<String> suppressedWarnings) {

    public StoreModel {
        shortcuts = List.copyOf(shortcuts);
        withoutShortcut = List.copyOf(withoutShortcut);
        suppressedWarnings = List.copyOf(suppressedWarnings);
    }

    /**
     * A type that mutations of the value implement.
     *
     * @param type the type, such as {@code PlayerChange}
     * @param rejection what its mutations throw to reject, if that is a checked exception; else empty
     */
    public record MutationType(TypeName type, Optional<TypeName> rejection) {
    }

    /**
     * A store method that builds one mutation from its components and applies it.
     *
     * @param methodName the method's name: the mutation's simple name in lower camel case
     * @param mutation the mutation record
     * @param components its components, in declaration order
     * @param rejection what it throws to reject, if that is a checked exception; else empty
     */
    public record Shortcut(String methodName, ClassName mutation, List<Component> components,
            Optional<TypeName> rejection) {

        public Shortcut {
            components = List.copyOf(components);
        }
    }

    /**
     * A record component as a method parameter.
     *
     * @param name its name
     * @param type its type
     */
    public record Component(String name, TypeName type) {
    }

    /**
     * A mutation without a shortcut method.
     *
     * @param mutation the mutation record
     * @param reason why, as the store's javadoc says it ("its name is taken by ...")
     */
    public record SkippedShortcut(ClassName mutation, String reason) {
    }
}
