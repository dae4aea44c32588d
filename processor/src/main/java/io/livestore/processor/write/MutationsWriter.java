package io.livestore.processor.write;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import io.livestore.processor.model.FieldModel;
import io.livestore.processor.model.MutationModel;
import io.livestore.processor.model.MutationSetModel;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes {@code XMutations} for a value {@code X}: an id constant per mutation, a static encoder
 * and decoder per mutation, and the {@code MutationSet} methods, which dispatch by id with a
 * {@code switch} and by type with {@code instanceof}.
 */
public final class MutationsWriter {

    private static final Modifier[] CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};

    private final Elements elements;

    /** @param elements the compiler's elements */
    public MutationsWriter(Elements elements) {
        this.elements = elements;
    }

    /**
     * @param set the mutation set
     * @return the generated file
     */
    public JavaFile write(MutationSetModel set) {
        ClassName v = set.valueType();
        ClassName self = set.mutationsName();
        TypeName mutatorOfV = ParameterizedTypeName.get(RuntimeTypes.MUTATOR, v,
                WildcardTypeName.subtypeOf(Object.class));
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.MUTATION_SET, v))
                .alwaysQualify(JavaLangShadows.in(elements, self.packageName()))
                .addOriginatingElement(set.value())
                .addJavadoc(classJavadoc(set));
        set.mutations().forEach(m -> type.addOriginatingElement(m.element()));
        GeneratedAnnotation.of(elements, v.canonicalName()).ifPresent(type::addAnnotation);
        GeneratedAnnotation.suppressing(set.suppressedWarnings()).ifPresent(type::addAnnotation);

        type.addField(FieldSpec.builder(self, "INSTANCE", CONSTANT)
                .addJavadoc("The set, as a {@code MutationSet} for the store.\n")
                .initializer("new $T()", self).build());
        type.addField(FieldSpec.builder(long.class, "FINGERPRINT", CONSTANT)
                .addJavadoc("Fingerprint of the whole set: ids, stable names and encodings.\n")
                .initializer("$L", String.format("0x%016xL", set.fingerprint())).build());
        for (MutationModel m : set.mutations()) {
            type.addField(FieldSpec.builder(int.class, m.constantName(), CONSTANT)
                    .addJavadoc("Id of {@link $T}: first 4 bytes of the SHA-256 of $S.\n", m.type(), m.stableName())
                    .initializer("$L", FieldCodec.hex(m.id())).build());
        }
        for (MutationModel m : set.mutations()) {
            type.addField(FieldSpec.builder(int.class, m.constantName() + "_SIZE", CONSTANT)
                    .addJavadoc("Encoded size of {@link $T}, in bytes.\n", m.type())
                    .initializer("$L", m.layout().size()).build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        addSetMethods(type, set, v, mutatorOfV);
        for (MutationModel m : set.mutations()) {
            addCodec(type, m, self);
        }
        type.addMethod(MethodSpec.methodBuilder("unknownId")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(IllegalArgumentException.class)
                .addParameter(int.class, "id")
                .addStatement("return new $T($S + $T.toHexString(id) + $S)", IllegalArgumentException.class,
                        "no mutation of " + v.simpleName() + " has id 0x", Integer.class, set.mutations().isEmpty()
                                ? "; " + v.simpleName() + " has no mutations"
                                : "; known: " + set.mutations().stream().map(MutationModel::flatName)
                                        .collect(Collectors.joining(", ")))
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
                .addStatement("return $S", self.simpleName() + set.mutations().stream().map(MutationModel::flatName)
                        .collect(Collectors.joining(", ", "[", "]")))
                .build());
        return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static CodeBlock classJavadoc(MutationSetModel set) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The mutations of {@link $T}, generated by the LiveStore processor from\n", set.valueType());
        if (set.mutations().isEmpty()) {
            doc.add("{@code $L}, which has none: no record of the compilation implements\n",
                    set.valueType().canonicalName())
                    .add("{@code Mutator<$L, ?>}. The set is empty, so that every value has one.\n\n",
                            String.join(".", set.valueType().simpleNames()));
        } else {
            doc.add("{@code $L} and the mutation records that change it:\n\n<ul>\n", set.valueType().canonicalName());
            for (MutationModel m : set.mutations()) {
                doc.add("  <li>{@link $T} ({@code $L}, id {@code $L}, $L bytes)\n", m.type(), m.stableName(),
                        FieldCodec.hex(m.id()), m.layout().size());
            }
            doc.add("</ul>\n\n");
        }
        return doc
                .add("<p>Ids derive from each mutation's stable name alone, so they survive recompiles and added\n")
                .add("mutations. Encodings follow the layout rules of values. Stateless and thread-safe.\n")
                .build();
    }

    private static MethodSpec.Builder byId(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(returns).addParameter(int.class, "id");
    }

    private static void addSetMethods(TypeSpec.Builder type, MutationSetModel set, ClassName v, TypeName mutatorOfV) {
        type.addMethod(MethodSpec.methodBuilder("valueType").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(ParameterizedTypeName.get(ClassName.get(Class.class), v))
                .addStatement("return $T.class", v).build());
        type.addMethod(MethodSpec.methodBuilder("ids").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int[].class)
                .addStatement(set.mutations().isEmpty() ? CodeBlock.of("return new int[0]")
                        : CodeBlock.of("return new int[] {$L}", set.mutations().stream().map(MutationModel::constantName)
                                .collect(Collectors.joining(", "))))
                .build());
        type.addMethod(MethodSpec.methodBuilder("fingerprint").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(long.class).addStatement("return FINGERPRINT").build());

        MethodSpec.Builder idOf = MethodSpec.methodBuilder("idOf").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addParameter(mutatorOfV, "mutation");
        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addParameter(mutatorOfV, "mutation")
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset");
        for (MutationModel m : set.mutations()) {
            idOf.beginControlFlow("if (mutation instanceof $T)", m.type())
                    .addStatement("return $L", m.constantName()).endControlFlow();
            encode.beginControlFlow("if (mutation instanceof $T m)", m.type())
                    .addStatement("encode$L(m, bytes, offset)", m.flatName())
                    .addStatement("return $L", m.constantName()).endControlFlow();
        }
        CodeBlock notInSet = CodeBlock.of("throw new $T($S + mutation)", IllegalArgumentException.class,
                set.mutations().isEmpty()
                        ? v.simpleName() + " has no mutations (none was known when "
                                + set.mutationsName().simpleName() + " was generated): "
                        : "not a mutation of " + v.simpleName() + " known when " + set.mutationsName().simpleName()
                                + " was generated: ");
        type.addMethod(idOf.addStatement(notInSet).build());

        MethodSpec.Builder name = byId("name", ClassName.get(String.class));
        MethodSpec.Builder size = byId("encodedSize", TypeName.INT);
        MethodSpec.Builder decode = byId("decode", mutatorOfV)
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset");
        MethodSpec.Builder apply = byId("apply", v)
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addParameter(v, "current").addException(Exception.class);
        if (set.mutations().isEmpty()) {
            // No id is known: no switch with only a default.
            for (MethodSpec.Builder b : new MethodSpec.Builder[] {name, size, decode, apply}) {
                type.addMethod(b.addStatement("throw unknownId(id)").build());
            }
            type.addMethod(MethodSpec.methodBuilder("maxEncodedSize").addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC).returns(int.class).addStatement("return 0").build());
            type.addMethod(encode.addStatement(notInSet).build());
            return;
        }
        for (MethodSpec.Builder b : new MethodSpec.Builder[] {name, size, decode, apply}) {
            b.beginControlFlow("switch (id)");
        }
        int max = 0;
        for (MutationModel m : set.mutations()) {
            String c = m.constantName();
            name.addCode("case $L:\n$>return $S;\n$<", c, m.stableName());
            size.addCode("case $L:\n$>return $L_SIZE;\n$<", c, c);
            decode.addCode("case $L:\n$>return decode$L(bytes, offset);\n$<", c, m.flatName());
            apply.addCode("case $L:\n$>return decode$L(bytes, offset).apply(current);\n$<", c, m.flatName());
            max = Math.max(max, m.layout().size());
        }
        for (MethodSpec.Builder b : new MethodSpec.Builder[] {name, size, decode, apply}) {
            b.addCode("default:\n$>throw unknownId(id);\n$<").endControlFlow();
            type.addMethod(b.build());
        }
        type.addMethod(MethodSpec.methodBuilder("maxEncodedSize").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addStatement("return $L", max).build());
        type.addMethod(encode.addStatement(notInSet).build());
    }

    private static void addCodec(TypeSpec.Builder type, MutationModel m, ClassName setName) {
        FieldCodec codec = new FieldCodec(String.join(".", m.type().simpleNames()), setName.simpleName());
        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode" + m.flatName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Writes the components of {@code mutation} at {@code offset} ({@code $L_SIZE} bytes), or\n"
                        + "nothing if one is {@code null} or too long.\n\n"
                        + "@param mutation the mutation\n@param bytes the memory\n@param offset the absolute offset\n",
                        m.constantName())
                .addParameter(m.type(), "mutation").addParameter(RuntimeTypes.BYTES_STORE, "bytes")
                .addParameter(long.class, "offset");
        for (FieldModel f : m.layout().fields()) {
            encode.addCode(codec.check(f, CodeBlock.of("mutation.$L()", f.name())));
        }
        // Chronicle's native stores do not check offsets: check before the first write.
        encode.addCode(boundsCheck(m));
        for (FieldModel f : m.layout().byOffset()) {
            encode.addCode(codec.write(f, CodeBlock.of("mutation.$L()", f.name()), at(f)));
        }
        type.addMethod(encode.build());

        CodeBlock.Builder args = CodeBlock.builder().indent().indent();
        for (int i = 0; i < m.layout().fields().size(); i++) {
            FieldModel f = m.layout().fields().get(i);
            args.add(i == 0 ? "\n" : ",\n").add(codec.read(f, at(f)));
        }
        type.addMethod(MethodSpec.methodBuilder("decode" + m.flatName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(m.type())
                .addJavadoc("Reads a {@link $T} written by {@link #encode$L}.\n\n"
                        + "@param bytes the memory\n@param offset the absolute offset\n@return the mutation\n",
                        m.type(), m.flatName())
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addCode(boundsCheck(m))
                .addCode("return new $T(", m.type()).addCode(args.unindent().unindent().build()).addCode(");\n")
                .build());
    }

    private static CodeBlock boundsCheck(MutationModel m) {
        return CodeBlock.of("$T.check(bytes, offset, $L_SIZE, $S);\n", RuntimeTypes.VALUE_BOUNDS, m.constantName(),
                String.join(".", m.type().simpleNames()));
    }

    private static CodeBlock at(FieldModel f) {
        return f.offset() == 0 ? CodeBlock.of("offset") : CodeBlock.of("offset + $L", f.offset());
    }
}
