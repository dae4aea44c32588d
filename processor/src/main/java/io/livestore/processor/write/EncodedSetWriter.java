package io.livestore.processor.write;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import io.livestore.processor.model.EncodedRecord;
import io.livestore.processor.model.FieldModel;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The steps that {@code XMutations} and {@code XMessages} share: both are a set of records, each
 * with a stable id, a fixed-size codec and dispatch by id ({@code switch}) and by type ({@code
 * instanceof}). The writers of the two classes add what is particular to each.
 */
final class EncodedSetWriter {

    private static final Modifier[] CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};

    private final ClassName self;
    private final List<EncodedRecord> records;
    private final String element;
    private final String ofWhat;
    private final String emptyMessage;
    private final boolean rejectsNull;

    /**
     * @param self the generated class
     * @param records the records, in ascending id order
     * @param element what one record is, and the name of the parameters that take one:
     *     {@code mutation} or {@code message}
     * @param ofWhat what the records are, for messages: "mutation of Player"
     * @param emptyMessage the message that ends an unknown-id error when the set is empty
     * @param rejectsNull whether {@code idOf} and {@code encode} throw {@code NullPointerException}
     *     for {@code null} (else {@code IllegalArgumentException}, as for a record not in the set)
     */
    EncodedSetWriter(ClassName self, List<EncodedRecord> records, String element, String ofWhat,
            String emptyMessage, boolean rejectsNull) {
        this.self = self;
        this.records = records;
        this.element = element;
        this.ofWhat = ofWhat;
        this.emptyMessage = emptyMessage;
        this.rejectsNull = rejectsNull;
    }

    /**
     * Adds {@code INSTANCE}, {@code FINGERPRINT}, an id and a size constant per record, and the
     * private constructor.
     */
    void addConstants(TypeSpec.Builder type, String contract, long fingerprint) {
        type.addField(FieldSpec.builder(self, "INSTANCE", CONSTANT)
                .addJavadoc("The set, as a {@code $L} for the store.\n", contract)
                .initializer("new $T()", self).build());
        type.addField(FieldSpec.builder(long.class, "FINGERPRINT", CONSTANT)
                .addJavadoc("Fingerprint of the whole set: ids, stable names and encodings.\n")
                .initializer("$L", String.format("0x%016xL", fingerprint)).build());
        for (EncodedRecord r : records) {
            type.addField(FieldSpec.builder(int.class, r.constantName(), CONSTANT)
                    .addJavadoc("Id of {@link $T}: first 4 bytes of the SHA-256 of $S.\n", r.type(), r.stableName())
                    .initializer("$L", FieldCodec.hex(r.id())).build());
        }
        for (EncodedRecord r : records) {
            type.addField(FieldSpec.builder(int.class, r.constantName() + "_SIZE", CONSTANT)
                    .addJavadoc("Encoded size of {@link $T}, in bytes.\n", r.type())
                    .initializer("$L", r.layout().size()).build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    /** @return {@code ids()}: the id constants in ascending order */
    MethodSpec ids() {
        return MethodSpec.methodBuilder("ids").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int[].class)
                .addStatement(records.isEmpty() ? CodeBlock.of("return new int[0]")
                        : CodeBlock.of("return new int[] {$L}", records.stream().map(EncodedRecord::constantName)
                                .collect(Collectors.joining(", "))))
                .build();
    }

    /** @return {@code fingerprint()} */
    static MethodSpec fingerprint() {
        return MethodSpec.methodBuilder("fingerprint").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(long.class).addStatement("return FINGERPRINT").build();
    }

    /**
     * @param elementType the type {@code idOf} takes
     * @param exact whether that type is the only record's own type, so no {@code instanceof} is
     *     needed (nor allowed on JDK 17: a pattern must not be a supertype of the expression)
     * @return {@code idOf(element)}, dispatching by type
     */
    MethodSpec idOf(TypeName elementType, boolean exact) {
        MethodSpec.Builder idOf = MethodSpec.methodBuilder("idOf").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addParameter(elementType, element);
        if (exact) {
            return idOf.addCode(requireNonNull())
                    .addStatement("return $L", records.get(0).constantName()).build();
        }
        if (rejectsNull) {
            idOf.addCode(requireNonNull());
        }
        for (EncodedRecord r : records) {
            idOf.beginControlFlow("if ($L instanceof $T)", element, r.type())
                    .addStatement("return $L", r.constantName()).endControlFlow();
        }
        return idOf.addStatement(notInSet()).build();
    }

    /**
     * @param elementType the type {@code encode} takes
     * @param exact as for {@link #idOf}
     * @return {@code encode(element, bytes, offset)}, dispatching by type to the record's encoder
     */
    MethodSpec encode(TypeName elementType, boolean exact) {
        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addParameter(elementType, element)
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset");
        if (rejectsNull || exact) {
            encode.addCode(requireNonNull());
        }
        if (exact) {
            EncodedRecord r = records.get(0);
            return encode.addStatement("encode$L($L, bytes, offset)", r.flatName(), element)
                    .addStatement("return $L", r.constantName()).build();
        }
        for (EncodedRecord r : records) {
            encode.beginControlFlow("if ($L instanceof $T m)", element, r.type())
                    .addStatement("encode$L(m, bytes, offset)", r.flatName())
                    .addStatement("return $L", r.constantName()).endControlFlow();
        }
        return encode.addStatement(notInSet()).build();
    }

    private CodeBlock requireNonNull() {
        return CodeBlock.of("$T.requireNonNull($L, $S);\n", RuntimeTypes.OBJECTS, element, element + " is null");
    }

    private CodeBlock notInSet() {
        String generated = self.simpleName() + " was generated";
        return CodeBlock.of("throw new $T($S + $L)", IllegalArgumentException.class, records.isEmpty()
                ? emptyMessage + " (none was known when " + generated + "): "
                : "not a " + ofWhat + " known when " + generated + ": ", element);
    }

    /**
     * @param name the method's name
     * @param returns its return type
     * @return a by-id method of the set's interface, without its body
     */
    static MethodSpec.Builder byId(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(returns).addParameter(int.class, "id");
    }

    /**
     * Completes a by-id method: a {@code switch} on the id with one case per record, whose body
     * {@code caseBody} gives, and an unknown id as the default; without records, only the throw.
     */
    MethodSpec switchById(MethodSpec.Builder method, Function<EncodedRecord, CodeBlock> caseBody) {
        if (records.isEmpty()) {
            // No id is known: no switch with only a default.
            return method.addStatement("throw unknownId(id)").build();
        }
        method.beginControlFlow("switch (id)");
        for (EncodedRecord r : records) {
            method.addCode("case $L:\n$>", r.constantName()).addCode(caseBody.apply(r)).addCode("$<");
        }
        return method.addCode("default:\n$>throw unknownId(id);\n$<").endControlFlow().build();
    }

    /** Adds {@code name}, {@code encodedSize}, {@code decode} and {@code maxEncodedSize}. */
    void addByIdMethods(TypeSpec.Builder type, TypeName decodedType) {
        type.addMethod(switchById(byId("name", ClassName.get(String.class)),
                r -> CodeBlock.of("return $S;\n", r.stableName())));
        type.addMethod(switchById(byId("encodedSize", TypeName.INT),
                r -> CodeBlock.of("return $L_SIZE;\n", r.constantName())));
        type.addMethod(switchById(byId("decode", decodedType)
                        .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset"),
                r -> CodeBlock.of("return decode$L(bytes, offset);\n", r.flatName())));
    }

    /** @return {@code maxEncodedSize()} */
    MethodSpec maxEncodedSize() {
        int max = records.stream().mapToInt(r -> r.layout().size()).max().orElse(0);
        return MethodSpec.methodBuilder("maxEncodedSize").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addStatement("return $L", max).build();
    }

    /** Adds the static {@code encodeY} and {@code decodeY} of every record. */
    void addCodecs(TypeSpec.Builder type) {
        for (EncodedRecord r : records) {
            addCodec(type, r);
        }
    }

    private void addCodec(TypeSpec.Builder type, EncodedRecord r) {
        FieldCodec codec = new FieldCodec(String.join(".", r.type().simpleNames()), self.simpleName());
        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode" + r.flatName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Writes the components of {@code $L} at {@code offset} ({@code $L_SIZE} bytes), or\n"
                        + "nothing if one is {@code null} or too long.\n\n"
                        + "@param $L the $L\n@param bytes the memory\n@param offset the absolute offset\n",
                        element, r.constantName(), element, element)
                .addParameter(r.type(), element).addParameter(RuntimeTypes.BYTES_STORE, "bytes")
                .addParameter(long.class, "offset");
        for (FieldModel f : r.layout().fields()) {
            encode.addCode(codec.check(f, CodeBlock.of("$L.$L()", element, f.name())));
        }
        // Chronicle's native stores do not check offsets: check before the first write.
        encode.addCode(boundsCheck(r));
        for (FieldModel f : r.layout().byOffset()) {
            encode.addCode(codec.write(f, CodeBlock.of("$L.$L()", element, f.name()), at(f)));
        }
        type.addMethod(encode.build());

        CodeBlock.Builder args = CodeBlock.builder().indent().indent();
        for (int i = 0; i < r.layout().fields().size(); i++) {
            FieldModel f = r.layout().fields().get(i);
            args.add(i == 0 ? "\n" : ",\n").add(codec.read(f, at(f)));
        }
        type.addMethod(MethodSpec.methodBuilder("decode" + r.flatName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(r.type())
                .addJavadoc("Reads a {@link $T} written by {@link #encode$L}.\n\n"
                        + "@param bytes the memory\n@param offset the absolute offset\n@return the $L\n",
                        r.type(), r.flatName(), element)
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addCode(boundsCheck(r))
                .addCode("return new $T(", r.type()).addCode(args.unindent().unindent().build()).addCode(");\n")
                .build());
    }

    private static CodeBlock boundsCheck(EncodedRecord r) {
        return CodeBlock.of("$T.check(bytes, offset, $L_SIZE, $S);\n", RuntimeTypes.VALUE_BOUNDS, r.constantName(),
                String.join(".", r.type().simpleNames()));
    }

    private static CodeBlock at(FieldModel f) {
        return f.offset() == 0 ? CodeBlock.of("offset") : CodeBlock.of("offset + $L", f.offset());
    }

    /** Adds {@code unknownId(id)} and {@code toString()}. */
    void addUnknownIdAndToString(TypeSpec.Builder type) {
        type.addMethod(MethodSpec.methodBuilder("unknownId")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(IllegalArgumentException.class)
                .addParameter(int.class, "id")
                .addStatement("return new $T($S + $T.toHexString(id) + $S)", IllegalArgumentException.class,
                        "no " + ofWhat + " has id 0x", Integer.class, records.isEmpty()
                                ? "; " + emptyMessage
                                : "; known: " + records.stream().map(EncodedRecord::flatName)
                                        .collect(Collectors.joining(", ")))
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
                .addStatement("return $S", self.simpleName() + records.stream().map(EncodedRecord::flatName)
                        .collect(Collectors.joining(", ", "[", "]")))
                .build());
    }
}
