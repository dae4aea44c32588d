package io.livestore.processor.write;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import io.livestore.processor.model.FieldModel;
import io.livestore.processor.model.FieldType;
import io.livestore.processor.model.LayoutModel;
import io.livestore.processor.model.LayoutPlanner;
import io.livestore.processor.model.ValueModel;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes {@code XLayout} for a {@code @LiveValue} record {@code X}: constants (size, fingerprint,
 * offsets), the {@code ValueLayout} methods, static encode/decode, and a static reader per
 * component.
 */
public final class LayoutWriter {

    private static final Modifier[] CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};

    private final Elements elements;

    /** @param elements the compiler's elements */
    public LayoutWriter(Elements elements) {
        this.elements = elements;
    }

    /**
     * @param value the value to write the layout of
     * @return the generated file
     */
    public JavaFile write(ValueModel value) {
        ClassName v = value.type();
        ClassName self = value.layoutName();
        LayoutModel layout = value.layout();
        FieldCodec codec = new FieldCodec(String.join(".", v.simpleNames()), self.simpleName());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.VALUE_LAYOUT, v))
                .alwaysQualify(JavaLangShadows.in(elements, self.packageName()))
                .addOriginatingElement(value.element())
                .addJavadoc(classJavadoc(v, layout));
        GeneratedAnnotation.of(elements, v.canonicalName()).ifPresent(type::addAnnotation);
        GeneratedAnnotation.suppressing(value.suppressedWarnings()).ifPresent(type::addAnnotation);

        type.addField(FieldSpec.builder(self, "INSTANCE", CONSTANT)
                .addJavadoc("The layout, as a {@code ValueLayout} for the table and the store.\n")
                .initializer("new $T()", self).build());
        type.addField(FieldSpec.builder(int.class, "SIZE", CONSTANT)
                .addJavadoc("Bytes one value occupies; a multiple of 8.\n")
                .initializer("$L", layout.size()).build());
        type.addField(FieldSpec.builder(long.class, "FINGERPRINT", CONSTANT)
                .addJavadoc("First 8 bytes of the SHA-256 of $S + {@link #description()}.\n", LayoutPlanner.FORMAT + ":")
                .initializer("$L", String.format("0x%016xL", layout.fingerprint())).build());
        type.addField(FieldSpec.builder(String.class, "DESCRIPTION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Components in declaration order with their stored types; nested values are described by\n"
                        + "their own layouts, so that no constant in this class grows with the nesting.\n")
                .initializer(descriptionExpression(layout)).build());
        for (FieldModel f : layout.byOffset()) {
            type.addField(FieldSpec.builder(int.class, f.constantName() + "_OFFSET", CONSTANT)
                    .addJavadoc("Offset of {@code $L} from the start of the value.\n", f.name())
                    .initializer("$L", f.offset()).build());
            if (f.type() instanceof FieldType.BoundedString s) {
                type.addField(FieldSpec.builder(int.class, f.constantName() + "_MAX_LENGTH", CONSTANT)
                        .addJavadoc("{@code @MaxLength} of {@code $L}, in UTF-8 bytes.\n", f.name())
                        .initializer("$L", s.maxBytes()).build());
            }
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        addInstanceMethods(type, v);
        addCodecMethods(type, v, layout, codec);
        for (FieldModel f : layout.fields()) {
            addReaders(type, v, f, codec);
        }
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(String.class)
                .addStatement("return $S + DESCRIPTION + $S", self.simpleName() + "[" + layout.size() + " bytes, ", "]")
                .build());
        return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /**
     * The description as an expression: the record's own part as literals, each nested value's
     * part as a call to its layout, so the class file holds no constant longer than the record's
     * own components (javac refuses string constants over 65535 bytes).
     */
    private static CodeBlock descriptionExpression(LayoutModel layout) {
        CodeBlock.Builder expression = CodeBlock.builder();
        StringBuilder literal = new StringBuilder(layout.typeName()).append('{');
        for (int i = 0; i < layout.fields().size(); i++) {
            FieldModel f = layout.fields().get(i);
            literal.append(i == 0 ? "" : ";").append(f.name()).append(':');
            if (f.type() instanceof FieldType.Nested n) {
                expression.add("$S + $T.INSTANCE.description() + ", literal, n.layoutName());
                literal.setLength(0);
            } else {
                literal.append(f.type().descriptor());
            }
        }
        return expression.add("$S", literal.append('}')).build();
    }

    private static CodeBlock classJavadoc(ClassName v, LayoutModel layout) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Off-heap layout of {@link $T}: $L bytes, generated by the LiveStore processor from\n", v,
                        layout.size())
                .add("{@code $L}.\n\n", v.canonicalName())
                .add("<p>Fields are naturally aligned and placed largest alignment first; place a value at an\n")
                .add("offset that is a multiple of 8 and no primitive straddles a cache line.\n\n")
                .add("<pre>\n offset  size  component\n");
        for (FieldModel f : layout.byOffset()) {
            if (f.type() instanceof FieldType.Nested n) {
                doc.add("$L{@link $T}\n", String.format("%7d %5d  %s ", f.offset(), f.type().size(), f.name()),
                        n.layoutName());
            } else {
                doc.add("$L\n", String.format("%7d %5d  %s %s", f.offset(), f.type().size(), f.name(),
                        f.type().descriptor()));
            }
        }
        doc.add("</pre>\n\n")
                .add("<p>Static readers such as the one for each component read one field of a value stored at\n")
                .add("{@code offset} and allocate nothing, except those documented as allocating. Thread-safe\n")
                .add("and stateless; the caller owns the memory.\n");
        return doc.build();
    }

    private static void addInstanceMethods(TypeSpec.Builder type, ClassName v) {
        type.addMethod(MethodSpec.methodBuilder("valueType").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(ParameterizedTypeName.get(ClassName.get(Class.class), v))
                .addStatement("return $T.class", v).build());
        type.addMethod(MethodSpec.methodBuilder("size").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(int.class).addStatement("return SIZE").build());
        type.addMethod(MethodSpec.methodBuilder("fingerprint").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(long.class).addStatement("return FINGERPRINT").build());
        type.addMethod(MethodSpec.methodBuilder("description").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(String.class).addStatement("return DESCRIPTION").build());
        type.addMethod(MethodSpec.methodBuilder("encode").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(v, "value").addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addStatement("write(value, bytes, offset)").build());
        type.addMethod(MethodSpec.methodBuilder("decode").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(v)
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addStatement("return read(bytes, offset)").build());
    }

    private static void addCodecMethods(TypeSpec.Builder type, ClassName v, LayoutModel layout, FieldCodec codec) {
        String owner = String.join(".", v.simpleNames());
        MethodSpec.Builder validate = MethodSpec.methodBuilder("validate")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Checks that {@code value} can be written: no {@code null} component, no string longer\n"
                        + "than its bound, recursively. Allocates nothing unless it throws.\n\n"
                        + "@param value the value\n"
                        + "@throws NullPointerException if a component is {@code null}\n"
                        + "@throws IllegalArgumentException if a string is longer than its {@code @MaxLength}\n")
                .addParameter(v, "value")
                .addStatement("$T.requireNonNull(value, $S)", RuntimeTypes.OBJECTS, owner + " value is null");
        for (FieldModel f : layout.fields()) {
            validate.addCode(codec.check(f, CodeBlock.of("value.$L()", f.name())));
        }
        type.addMethod(validate.build());

        type.addMethod(MethodSpec.methodBuilder("write")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Writes {@code value} at {@code [offset, offset + SIZE)}, or nothing if it does not\n"
                        + "{@link #validate validate}.\n\n"
                        + "@param value the value\n@param bytes the memory\n@param offset the absolute offset\n")
                .addParameter(v, "value").addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addStatement("validate(value)")
                .addStatement("writeValidated(value, bytes, offset)")
                .build());

        MethodSpec.Builder writeValidated = MethodSpec.methodBuilder("writeValidated")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Writes a value that already passed {@link #validate validate}; used for nested values.\n\n"
                        + "@param value the validated value\n@param bytes the memory\n@param offset the absolute offset\n")
                .addParameter(v, "value").addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addCode(boundsCheck(v));
        for (FieldModel f : layout.byOffset()) {
            writeValidated.addCode(codec.write(f, CodeBlock.of("value.$L()", f.name()), at(f)));
        }
        type.addMethod(writeValidated.build());

        CodeBlock.Builder args = CodeBlock.builder();
        for (int i = 0; i < layout.fields().size(); i++) {
            FieldModel f = layout.fields().get(i);
            args.add(i == 0 ? "\n" : ",\n").add("$L(bytes, offset)", f.name());
        }
        type.addMethod(MethodSpec.methodBuilder("read")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(v)
                .addJavadoc("Reads the value stored at {@code offset}. Allocates the record.\n\n"
                        + "@param bytes the memory\n@param offset the absolute offset\n@return the value\n")
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addCode("return new $T(", v).addCode(CodeBlock.builder().indent().indent().add(args.build())
                        .unindent().unindent().build())
                .addCode(");\n")
                .build());
    }

    private static CodeBlock at(FieldModel f) {
        return CodeBlock.of("offset + $L_OFFSET", f.constantName());
    }

    /**
     * The first statement of every method that touches memory: Chronicle's native stores do not
     * check offsets, so a bad one must become an exception here rather than a stray access.
     */
    private static CodeBlock boundsCheck(ClassName value) {
        return CodeBlock.of("$T.check(bytes, offset, SIZE, $S);\n", RuntimeTypes.VALUE_BOUNDS,
                String.join(".", value.simpleNames()));
    }

    private static MethodSpec.Builder reader(ClassName value, String name, TypeName returns, String doc, Object... args) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(returns)
                .addJavadoc(doc, args)
                .addJavadoc("\n@param bytes the memory\n@param offset the absolute offset of the value\n"
                        + "@throws IndexOutOfBoundsException if the value does not lie within {@code bytes}\n")
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addCode(boundsCheck(value));
    }

    private static void addReaders(TypeSpec.Builder type, ClassName value, FieldModel f, FieldCodec codec) {
        String n = f.name();
        FieldType t = f.type();
        CodeBlock at = at(f);
        if (t instanceof FieldType.Primitive || t instanceof FieldType.Enum) {
            type.addMethod(reader(value, n, t.javaType(), "Reads {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n)
                    .addCode("return $L;\n", codec.read(f, at)).build());
        } else if (t instanceof FieldType.Uuid) {
            type.addMethod(reader(value, n + "MostSignificantBits", TypeName.LONG,
                    "Reads the most significant bits of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the bits\n").addStatement("return bytes.readLong($L)", at).build());
            type.addMethod(reader(value, n + "LeastSignificantBits", TypeName.LONG,
                    "Reads the least significant bits of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the bits\n").addStatement("return bytes.readLong($L + 8)", at).build());
            type.addMethod(reader(value, n, t.javaType(), "Reads {@code $L}. Allocates the {@code UUID}.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addStatement("return $L", codec.read(f, at)).build());
        } else if (t instanceof FieldType.Instant) {
            type.addMethod(reader(value, n + "EpochSecond", TypeName.LONG,
                    "Reads the epoch second of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the epoch second\n").addStatement("return bytes.readLong($L)", at).build());
            type.addMethod(reader(value, n + "Nano", TypeName.INT,
                    "Reads the nanosecond of second of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the nanosecond\n").addStatement("return bytes.readInt($L + 8)", at).build());
            type.addMethod(reader(value, n, t.javaType(), "Reads {@code $L}. Allocates the {@code Instant}.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addStatement("return $L", codec.read(f, at)).build());
        } else if (t instanceof FieldType.BoundedString s) {
            type.addMethod(reader(value, n + "Utf8Length", TypeName.INT,
                    "Reads the length of {@code $L} in UTF-8 bytes. Allocates nothing.\n", n)
                    .addJavadoc("@return the length\n")
                    .addStatement("return $T.length(bytes, $L, $L)", RuntimeTypes.BOUNDED_UTF8, at, s.maxBytes()).build());
            type.addMethod(reader(value, n, ClassName.get(StringBuilder.class),
                    "Appends {@code $L} to {@code into}. Allocates nothing if {@code into} has room.\n", n)
                    .addJavadoc("@param into where to append\n@return {@code into}\n")
                    .addParameter(StringBuilder.class, "into")
                    .addStatement("return $T.read(bytes, $L, $L, into)", RuntimeTypes.BOUNDED_UTF8, at, s.maxBytes())
                    .build());
            type.addMethod(reader(value, n, t.javaType(), "Reads {@code $L}. Allocates the {@code String}.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addStatement("return $L", codec.read(f, at)).build());
        } else if (t instanceof FieldType.Nested nested) {
            type.addMethod(reader(value, n, t.javaType(), "Reads {@code $L}. Allocates the record; to read one of its fields\n"
                    + "without allocating, call {@code $T}'s reader at {@code offset + $L_OFFSET}.\n",
                    n, nested.layoutName(), f.constantName())
                    .addJavadoc("@return the stored {@code $L}\n", n).addStatement("return $L", codec.read(f, at)).build());
        }
    }
}
