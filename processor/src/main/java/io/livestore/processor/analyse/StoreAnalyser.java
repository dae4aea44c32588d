package io.livestore.processor.analyse;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import io.livestore.processor.model.EncodedRecord;
import io.livestore.processor.model.MutationSetModel;
import io.livestore.processor.model.Names;
import io.livestore.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Facts for a value's typed store: which type {@code mutate} takes, what it throws, and the
 * shortcut method of each mutation.
 */
public final class StoreAnalyser {

    private final TypeSupport support;
    private final MutationAnalyser mutations;
    private final Elements elements;

    /**
     * @param support type facts
     * @param elements the compiler's elements
     */
    public StoreAnalyser(TypeSupport support, Elements elements) {
        this.support = support;
        this.mutations = new MutationAnalyser(support);
        this.elements = elements;
    }

    /**
     * @param set the value's mutation set, as written
     * @param messageType the value's declared message type, if any
     * @param suppressedWarnings what the store must suppress for deprecated elements it names
     * @return the store's model
     */
    public StoreModel store(MutationSetModel set, Optional<TypeElement> messageType, List<String> suppressedWarnings) {
        TypeElement value = set.value();
        ClassName v = set.valueType();
        PackageElement where = elements.getPackageOf(value);
        List<StoreModel.Shortcut> shortcuts = new ArrayList<>();
        List<StoreModel.SkippedShortcut> skipped = new ArrayList<>();
        for (EncodedRecord r : set.mutations()) {
            TypeElement record = r.element();
            Optional<TypeMirror> rejection = rejectionOf(record.asType());
            if (rejection.isPresent() && !accessible(rejection.get(), where)) {
                skipped.add(new StoreModel.SkippedShortcut(r.type(), "its rejection " + rejection.get()
                        + " cannot be named from package " + where.getQualifiedName()));
                continue;
            }
            List<StoreModel.Component> components = new ArrayList<>();
            for (RecordComponentElement c : record.getRecordComponents()) {
                components.add(new StoreModel.Component(c.getSimpleName().toString(), TypeName.get(c.asType())));
            }
            shortcuts.add(new StoreModel.Shortcut(Names.lowerCamel(record.getSimpleName().toString()), r.type(),
                    components, rejection.map(TypeName::get)));
        }
        return new StoreModel(value, v, Names.layoutName(v), set.mutationsName(), Names.storeName(v),
                Names.viewName(v), messageType.<TypeName>map(ClassName::get).orElse(TypeName.OBJECT),
                messageType.isPresent(), closedMutationType(set, where), shortcuts, skipped, suppressedWarnings);
    }

    /**
     * The nearest sealed interface that every mutation of the set implements with the same type
     * arguments, if the store can name it and its rejection: {@code mutate} then takes it, so
     * that only the set's mutations compile.
     */
    private Optional<StoreModel.MutationType> closedMutationType(MutationSetModel set, PackageElement where) {
        if (set.mutations().isEmpty()) {
            return Optional.empty();
        }
        TypeMirror first = set.mutations().get(0).element().asType();
        for (TypeElement parent : mutations.sealedParents(set.mutations().get(0).element())) {
            Optional<DeclaredType> type = support.supertype(first, parent);
            if (type.isEmpty() || !accessible(type.get(), where)) {
                continue;
            }
            boolean all = set.mutations().stream()
                    .allMatch(r -> support.types().isSubtype(r.element().asType(), type.get()));
            Optional<TypeMirror> rejection = rejectionOf(type.get());
            if (all && (rejection.isEmpty() || accessible(rejection.get(), where))) {
                return Optional.of(new StoreModel.MutationType(TypeName.get(type.get()),
                        rejection.map(TypeName::get)));
            }
        }
        return Optional.empty();
    }

    /** The {@code E} of a type's {@code Mutator<V, E>}, if it is a checked exception. */
    private Optional<TypeMirror> rejectionOf(TypeMirror type) {
        Optional<TypeMirror> e = support.mutatorSupertype(type)
                .filter(m -> m.getTypeArguments().size() == 2)
                .<TypeMirror>map(m -> m.getTypeArguments().get(1))
                .filter(t -> t.getKind() == TypeKind.DECLARED);
        TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        return e.filter(t -> !support.types().isSubtype(t, runtime) && !support.types().isSubtype(t, error));
    }

    /** Whether generated code in {@code where} can name the type and each of its type arguments. */
    private boolean accessible(TypeMirror type, PackageElement where) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType d = (DeclaredType) type;
        if (Accessibility.obstacle((TypeElement) d.asElement(), where, elements).isPresent()) {
            return false;
        }
        return d.getTypeArguments().stream().allMatch(a -> accessible(a, where));
    }
}
