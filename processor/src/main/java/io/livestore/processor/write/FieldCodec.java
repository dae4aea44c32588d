package io.livestore.processor.write;

import com.squareup.javapoet.CodeBlock;
import io.livestore.processor.model.EnumConstant;
import io.livestore.processor.model.FieldModel;
import io.livestore.processor.model.FieldType;

/**
 * The code that checks, writes and reads one field, shared by layouts and mutation codecs.
 * {@code bytes} and {@code offset} are the names of the generated methods' parameters; {@code at}
 * is the expression of the field's absolute offset.
 */
final class FieldCodec {

    private final String owner;
    private final String generatedClass;

    /**
     * @param owner the record's simple name, for error messages
     * @param generatedClass the simple name of the generated class, for error messages
     */
    FieldCodec(String owner, String generatedClass) {
        this.owner = owner;
        this.generatedClass = generatedClass;
    }

    /**
     * @param f the field
     * @param value the expression of the component's value
     * @return statements that fail (before anything is written) if the value cannot be stored
     */
    CodeBlock check(FieldModel f, CodeBlock value) {
        CodeBlock.Builder code = CodeBlock.builder();
        FieldType type = f.type();
        if (type instanceof FieldType.Primitive) {
            return code.build();
        }
        code.addStatement("$T.requireNonNull($L, $S)", RuntimeTypes.OBJECTS, value,
                owner + "." + f.name() + " is null; LiveStore values have no null components");
        if (type instanceof FieldType.BoundedString s) {
            code.addStatement("$T.check($L, $L, $S, $S)", RuntimeTypes.BOUNDED_UTF8, value, s.maxBytes(), owner, f.name());
        } else if (type instanceof FieldType.Nested n) {
            code.addStatement("$T.validate($L)", n.layoutName(), value);
        }
        return code.build();
    }

    /**
     * @param f the field
     * @param value the expression of the component's value (already checked)
     * @param at the expression of the field's absolute offset
     * @return statements that write the field
     */
    CodeBlock write(FieldModel f, CodeBlock value, CodeBlock at) {
        CodeBlock.Builder code = CodeBlock.builder();
        FieldType type = f.type();
        if (type instanceof FieldType.Primitive p) {
            switch (p.javaType().toString()) {
                case "boolean" -> code.addStatement("bytes.writeByte($L, (byte) ($L ? 1 : 0))", at, value);
                case "byte" -> code.addStatement("bytes.writeByte($L, $L)", at, value);
                case "short" -> code.addStatement("bytes.writeShort($L, $L)", at, value);
                case "char" -> code.addStatement("bytes.writeShort($L, (short) $L)", at, value);
                case "int" -> code.addStatement("bytes.writeInt($L, $L)", at, value);
                case "long" -> code.addStatement("bytes.writeLong($L, $L)", at, value);
                case "float" -> code.addStatement("bytes.writeInt($L, $T.floatToRawIntBits($L))", at, Float.class, value);
                case "double" -> code.addStatement("bytes.writeLong($L, $T.doubleToRawLongBits($L))", at, Double.class,
                        value);
                default -> throw new IllegalStateException("not a primitive: " + p.javaType());
            }
        } else if (type instanceof FieldType.Enum e) {
            code.add("bytes.writeInt($L, switch ($L) {\n", at, value).indent();
            for (EnumConstant c : e.constants()) {
                code.add("case $L -> $L;\n", c.name(), hex(c.hash()));
            }
            // A constant added to the enum after this code was generated.
            code.add("default -> throw $T.constantUnknownToGeneratedCode($S, $S, $L, $S);\n", RuntimeTypes.STORED_ENUMS,
                    owner, f.name(), value, generatedClass);
            code.unindent().add("});\n");
        } else if (type instanceof FieldType.Uuid) {
            code.addStatement("bytes.writeLong($L, $L.getMostSignificantBits())", at, value);
            code.addStatement("bytes.writeLong($L + 8, $L.getLeastSignificantBits())", at, value);
        } else if (type instanceof FieldType.Instant) {
            code.addStatement("bytes.writeLong($L, $L.getEpochSecond())", at, value);
            code.addStatement("bytes.writeInt($L + 8, $L.getNano())", at, value);
        } else if (type instanceof FieldType.BoundedString s) {
            code.addStatement("$T.write(bytes, $L, $L, $L, $S, $S)", RuntimeTypes.BOUNDED_UTF8, at, value, s.maxBytes(),
                    owner, f.name());
        } else if (type instanceof FieldType.Nested n) {
            code.addStatement("$T.writeValidated($L, bytes, $L)", n.layoutName(), value, at);
        }
        return code.build();
    }

    /**
     * @param f the field
     * @param at the expression of the field's absolute offset
     * @return an expression that reads the field
     */
    CodeBlock read(FieldModel f, CodeBlock at) {
        FieldType type = f.type();
        if (type instanceof FieldType.Primitive p) {
            return readPrimitive(p, "bytes.", at);
        } else if (type instanceof FieldType.Enum e) {
            CodeBlock.Builder code = CodeBlock.builder().add("switch (bytes.readInt($L)) {\n", at).indent();
            for (EnumConstant c : e.constants()) {
                code.add("case $L -> $T.$L;\n", hex(c.hash()), e.javaType(), c.name());
            }
            code.add("default -> throw $T.unknownConstant($S, $S, $S, bytes, $L);\n", RuntimeTypes.STORED_ENUMS, owner,
                    f.name(), e.javaType().canonicalName(), at);
            return code.unindent().add("}").build();
        } else if (type instanceof FieldType.Uuid u) {
            return CodeBlock.of("new $T(bytes.readLong($L), bytes.readLong($L + 8))", u.javaType(), at, at);
        } else if (type instanceof FieldType.Instant i) {
            return CodeBlock.of("$T.ofEpochSecond(bytes.readLong($L), bytes.readInt($L + 8))", i.javaType(), at, at);
        } else if (type instanceof FieldType.BoundedString s) {
            return CodeBlock.of("$T.read(bytes, $L, $L)", RuntimeTypes.BOUNDED_UTF8, at, s.maxBytes());
        } else if (type instanceof FieldType.Nested n) {
            return CodeBlock.of("$T.read(bytes, $L)", n.layoutName(), at);
        }
        throw new IllegalStateException("unknown field type " + type);
    }

    /**
     * An expression that reads a primitive field through a generated view's checked readers
     * ({@code ValueView.readLong} and the others): the same bytes, decoded as {@link #read} does.
     *
     * @param p the field's type
     * @param offset the expression of the field's offset in the value
     * @return the expression
     */
    static CodeBlock viewRead(FieldType.Primitive p, CodeBlock offset) {
        return readPrimitive(p, "", offset);
    }

    /**
     * The decoding of a primitive, shared by the layout's codec and the view: {@code receiver}
     * ({@code "bytes."}, or nothing for the view's own readers) has {@code readByte},
     * {@code readShort}, {@code readInt} and {@code readLong}, and every other primitive is one
     * of those reinterpreted.
     */
    private static CodeBlock readPrimitive(FieldType.Primitive p, String receiver, CodeBlock at) {
        return switch (p.javaType().toString()) {
            case "boolean" -> CodeBlock.of("$LreadByte($L) != 0", receiver, at);
            case "byte" -> CodeBlock.of("$LreadByte($L)", receiver, at);
            case "short" -> CodeBlock.of("$LreadShort($L)", receiver, at);
            case "char" -> CodeBlock.of("(char) $LreadShort($L)", receiver, at);
            case "int" -> CodeBlock.of("$LreadInt($L)", receiver, at);
            case "long" -> CodeBlock.of("$LreadLong($L)", receiver, at);
            case "float" -> CodeBlock.of("$T.intBitsToFloat($LreadInt($L))", Float.class, receiver, at);
            case "double" -> CodeBlock.of("$T.longBitsToDouble($LreadLong($L))", Double.class, receiver, at);
            default -> throw new IllegalStateException("not a primitive: " + p.javaType());
        };
    }

    /**
     * @param value an int
     * @return its hexadecimal literal, such as {@code 0x8a3f12c4}
     */
    static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
