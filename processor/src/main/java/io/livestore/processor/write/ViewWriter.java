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
import io.livestore.processor.model.FieldType;
import io.livestore.processor.model.Names;
import io.livestore.processor.model.ValueModel;
import java.lang.ref.Reference;
import java.util.function.Predicate;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes {@code XView} for a {@code @LiveValue} record {@code X}: a flyweight over a reader's
 * snapshot with one accessor per component, each reading through {@code XLayout}'s static reader
 * after {@code ValueView}'s checks and ending with a reachability fence. A nested value is read
 * through its own view, created once with the enclosing one.
 */
public final class ViewWriter {

    private final Elements elements;
    private final Predicate<ClassName> hasView;

    /**
     * @param elements the compiler's elements
     * @param hasView whether a nested value has a view ({@code PositionView}) to read it through;
     *     one compiled by an older processor may not, and is then read as a whole record
     */
    public ViewWriter(Elements elements, Predicate<ClassName> hasView) {
        this.elements = elements;
        this.hasView = hasView;
    }

    /**
     * @param value the value to write the view of
     * @return the generated file
     */
    public JavaFile write(ValueModel value) {
        ClassName v = value.type();
        ClassName layout = value.layoutName();
        ClassName self = Names.viewName(v);
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RuntimeTypes.VALUE_VIEW, v))
                .alwaysQualify(JavaLangShadows.in(elements, self.packageName()))
                .addOriginatingElement(value.element())
                .addJavadoc(classJavadoc(v, self, value));
        GeneratedAnnotation.of(elements, v.canonicalName()).ifPresent(type::addAnnotation);
        GeneratedAnnotation.suppressing(value.suppressedWarnings()).ifPresent(type::addAnnotation);

        for (FieldModel f : value.layout().fields()) {
            if (f.type() instanceof FieldType.Nested n && hasView.test(n.javaType())) {
                // A field initializer: both constructors create the nested view.
                ClassName nestedView = Names.viewName(n.javaType());
                type.addField(FieldSpec.builder(nestedView, f.name(), Modifier.PRIVATE, Modifier.FINAL)
                        .addJavadoc("The view of {@code $L}, positioned wherever this view is.\n", f.name())
                        .initializer("new $T(this, $T.$L_OFFSET)", nestedView, layout, f.constantName()).build());
            }
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates a view that is not positioned yet: position it with\n"
                        + "{@code reader.current().find(key, view)}. Create one per reader thread and reuse it.\n")
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates a view of a {@link $T} nested in another value, for that value's view. It reads\n"
                        + "wherever {@code parent} is positioned and cannot be positioned by itself.\n\n"
                        + "@param parent the view of the enclosing value\n"
                        + "@param offsetInParent where this value starts in the enclosing value (the enclosing\n"
                        + "    layout's offset constant)\n", v)
                .addParameter(ParameterizedTypeName.get(RuntimeTypes.VALUE_VIEW, WildcardTypeName.subtypeOf(Object.class)),
                        "parent")
                .addParameter(long.class, "offsetInParent")
                .addStatement("super(parent, offsetInParent)")
                .build());
        for (FieldModel f : value.layout().fields()) {
            addAccessors(type, layout, f);
        }
        type.addMethod(MethodSpec.methodBuilder("decodeRecord").addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED).returns(v)
                .addParameter(RuntimeTypes.BYTES_STORE, "bytes").addParameter(long.class, "offset")
                .addStatement("return $T.read(bytes, offset)", layout).build());
        return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private void addAccessors(TypeSpec.Builder type, ClassName layout, FieldModel f) {
        String n = f.name();
        FieldType t = f.type();
        if (t instanceof FieldType.Primitive p) {
            // The hot path of a read: straight from the record, at the layout's offset.
            type.addMethod(fenced(n, t.javaType(),
                    FieldCodec.viewRead(p, CodeBlock.of("$T.$L_OFFSET", layout, f.constantName())))
                    .addJavadoc("Reads {@code $L}. Allocates nothing.\n\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addJavadoc(THROWS).build());
        } else if (t instanceof FieldType.Enum) {
            type.addMethod(read(layout, n, t.javaType(), "Reads {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addJavadoc(THROWS).build());
        } else if (t instanceof FieldType.Uuid) {
            type.addMethod(read(layout, n + "MostSignificantBits", TypeName.LONG,
                    "Reads the most significant bits of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the bits\n").addJavadoc(THROWS).build());
            type.addMethod(read(layout, n + "LeastSignificantBits", TypeName.LONG,
                    "Reads the least significant bits of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the bits\n").addJavadoc(THROWS).build());
            type.addMethod(read(layout, n, t.javaType(), "Reads {@code $L}. Allocates the {@code UUID}; the two\n"
                    + "{@code long} readers allocate nothing.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addJavadoc(THROWS).build());
        } else if (t instanceof FieldType.Instant) {
            type.addMethod(read(layout, n + "EpochSecond", TypeName.LONG,
                    "Reads the epoch second of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the epoch second\n").addJavadoc(THROWS).build());
            type.addMethod(read(layout, n + "Nano", TypeName.INT,
                    "Reads the nanosecond of second of {@code $L}. Allocates nothing.\n", n)
                    .addJavadoc("@return the nanosecond\n").addJavadoc(THROWS).build());
            type.addMethod(read(layout, n, t.javaType(), "Reads {@code $L}. Allocates the {@code Instant}.\n", n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addJavadoc(THROWS).build());
        } else if (t instanceof FieldType.BoundedString) {
            type.addMethod(read(layout, n + "Utf8Length", TypeName.INT,
                    "Reads the length of {@code $L} in UTF-8 bytes. Allocates nothing.\n", n)
                    .addJavadoc("@return the length\n").addJavadoc(THROWS).build());
            ClassName sb = ClassName.get(StringBuilder.class);
            type.addMethod(fenced(n, sb, CodeBlock.of("$T.$L(checkedBytes(), valueOffset(), into)", layout, n))
                    .addJavadoc("Appends {@code $L} to {@code into}. Allocates nothing if {@code into} has room.\n\n", n)
                    .addJavadoc("@param into where to append\n@return {@code into}\n")
                    .addJavadoc(THROWS)
                    .addParameter(sb, "into").build());
            type.addMethod(read(layout, n, t.javaType(), "Reads {@code $L}. Allocates the {@code String}; "
                    + "{@link #$L(StringBuilder)}\nallocates nothing.\n", n, n)
                    .addJavadoc("@return the stored {@code $L}\n", n).addJavadoc(THROWS).build());
        } else if (t instanceof FieldType.Nested nested) {
            if (hasView.test(nested.javaType())) {
                type.addMethod(MethodSpec.methodBuilder(n).addModifiers(Modifier.PUBLIC)
                        .returns(Names.viewName(nested.javaType()))
                        .addJavadoc("Returns the view of {@code $L}, which reads wherever this view is positioned.\n"
                                + "Allocates nothing: it is the same view every time.\n\n", n)
                        .addJavadoc("@return the view of the stored {@code $L}\n", n)
                        .addStatement("return $N", n).build());
            } else {
                type.addMethod(read(layout, n, t.javaType(), "Reads {@code $L}. Allocates the record: {@code $L} was "
                        + "compiled without a view.\n", n, nested.javaType().simpleName())
                        .addJavadoc("@return the stored {@code $L}\n", n).addJavadoc(THROWS).build());
            }
        }
    }

    private static final String THROWS = "@throws IllegalStateException if the view is not positioned, its reader has "
            + "moved on, or\n    it is used from another thread than its reader's\n";

    /** An accessor that calls the layout's static reader of the same name at this view's value. */
    private static MethodSpec.Builder read(ClassName layout, String method, TypeName returns, String doc,
            Object... args) {
        return fenced(method, returns, CodeBlock.of("$T.$L(checkedBytes(), valueOffset())", layout, method))
                .addJavadoc(doc, args).addJavadoc("\n");
    }

    /**
     * The shape of every accessor: the read, then a fence that keeps this view (and through it
     * the reader that protects the memory) reachable until the read is done.
     */
    private static MethodSpec.Builder fenced(String method, TypeName returns, CodeBlock read) {
        return MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC).returns(returns)
                .beginControlFlow("try")
                .addStatement("return $L", read)
                .nextControlFlow("finally")
                .addStatement("$T.reachabilityFence(this)", Reference.class)
                .endControlFlow();
    }

    private static CodeBlock classJavadoc(ClassName v, ClassName self, ValueModel value) {
        return CodeBlock.builder()
                .add("A reusable, allocation-free view of one {@link $T} entry in a reader's snapshot, generated\n", v)
                .add("by the LiveStore processor from {@code $L}.\n\n", v.canonicalName())
                .add("<pre>{@code\n")
                .add("$T view = new $T();   // once per reader thread\n", self, self)
                .add("try (StoreReader<$T> reader = store.reader()) {\n", v)
                .add("    if (reader.current().find(key, view)) {\n")
                .add("        ... view.$L() ...           // no lock, no allocation\n", value.layout().fields().get(0).name())
                .add("    }\n")
                .add("}\n")
                .add("}</pre>\n\n")
                .add("<p>Each accessor reads one field of the entry the view was positioned on, in the snapshot the\n")
                .add("reader held then, through {@link $T}; it throws {@code IllegalStateException} once the\n",
                        value.layoutName())
                .add("reader has moved on ({@code current()}, {@code quiescent()}, {@code close()}) or on another\n")
                .add("thread, and never reads memory the store may have freed. Not thread-safe: one view per\n")
                .add("reader thread.\n")
                .build();
    }
}
