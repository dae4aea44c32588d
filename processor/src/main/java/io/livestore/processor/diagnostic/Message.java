package io.livestore.processor.diagnostic;

import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic the LiveStore processor reports, with its severity. Messages say what is wrong
 * and what to write instead; {@link Diagnostics} places each on the most specific element.
 *
 * <p>Arguments are {@link String#format} arguments, documented on each constant.
 */
public enum Message {

    /** Args: annotation, type, its kind with an article ("a class"), simple name. */
    NOT_A_RECORD(Kind.ERROR, "@%s applies to records only, but %s is %s; declare it as 'record %s(...)'"),

    /** Args: interface, its kind, the records to annotate. */
    MUTATION_ON_INTERFACE(Kind.ERROR, "@Mutation applies to records only, but %s is %s; remove @Mutation from it and "
            + "annotate the records %s instead"),

    /** Args: record. */
    NO_COMPONENTS(Kind.ERROR, "@LiveValue record %s has no components; a value needs at least one"),

    /** Args: what the record is ("@LiveValue record", "message record"), record, type parameters. */
    GENERIC_RECORD(Kind.ERROR, "%s %s is generic; a fixed layout needs concrete types, so remove the type parameters <%s>"),

    /** Args: component, type. */
    UNSUPPORTED_TYPE(Kind.ERROR, "component %s has type %s, which LiveStore cannot store; supported types are: "
            + "boolean, byte, short, char, int, long, float, double, enums, java.util.UUID, java.time.Instant, "
            + "String with @MaxLength, and records annotated @LiveValue"),

    /** Args: component. */
    MISSING_MAX_LENGTH(Kind.ERROR, "String component %s needs @MaxLength(n): the layout has a fixed size, so the "
            + "maximum length in UTF-8 bytes must be known; for example @MaxLength(32) String %s"),

    /** Args: value, component, maximum. */
    INVALID_MAX_LENGTH(Kind.ERROR, "@MaxLength(%d) on %s is out of range; use 1 to %d (UTF-8 bytes)"),

    /** Args: component, type. */
    MAX_LENGTH_NOT_STRING(Kind.ERROR, "@MaxLength applies to String components only, but %s is %s; remove it"),

    /** Args: component, enum. */
    EMPTY_ENUM(Kind.ERROR, "component %s has type %s, an enum without constants, so it can hold no value; add a "
            + "constant or remove the component"),

    /** Args: component, record, reserved name. */
    RESERVED_COMPONENT_NAME(Kind.ERROR, "component %s of %s cannot be named '%s': the generated layout has a "
            + "method of that name; rename the component"),

    /** Args: component, record, generated member, generated class, other component. */
    COMPONENT_NAME_CLASH(Kind.ERROR, "component %1$s of %2$s would generate %3$s in %4$s, as component %5$s does; "
            + "rename one of them"),

    /** Args: component, value, generated method, view class, what the inherited member does. */
    VIEW_MEMBER_CLASH(Kind.ERROR, "component %1$s of %2$s would generate %3$s in %4$s, which every view already has "
            + "(%5$s); rename the component"),

    /** Args: enum, constant, other constant, hash. */
    ENUM_HASH_COLLISION(Kind.ERROR, "constants %2$s and %3$s of enum %1$s have the same stored hash 0x%4$08x; "
            + "rename one of them"),

    /** Args: value, path. */
    NESTED_CYCLE(Kind.ERROR, "@LiveValue %s contains itself through %s; nested values are inlined, so a cycle would "
            + "have no finite size; break the cycle, for example with a UUID key to another entry"),

    /** Args: type, why, generated class, package. */
    NOT_ACCESSIBLE(Kind.ERROR, "%s is %s, so the generated %s in package %s cannot use it; make it public "
            + "(and every type that encloses it)"),

    /** Args: type, generated class, package. */
    UNNAMED_PACKAGE(Kind.ERROR, "%s is in the unnamed package, so the generated %s in package %s cannot use it: code "
            + "in a named package cannot refer to a type of the unnamed package; move it into a package"),

    /** Args: generated class, record, existing element. */
    DUPLICATE_GENERATED_NAME(Kind.ERROR, "cannot generate %s for %s: the name is already taken by %s; rename "
            + "one of them"),

    /** Args: record. */
    NOT_A_MUTATOR(Kind.ERROR, "@Mutation record %s does not implement io.livestore.runtime.store.Mutator; add "
            + "'implements Mutator<YourValue, YourException>' (directly or through a sealed interface)"),

    /** Args: record, " through X" when an interface X names the raw type, else "". */
    RAW_MUTATOR(Kind.ERROR, "@Mutation record %s implements the raw type Mutator%s, so the value it changes is "
            + "unknown; give Mutator its type arguments, as in 'Mutator<YourValue, YourException>'"),

    /** Args: record, value type. */
    VALUE_NOT_LIVE_VALUE(Kind.ERROR, "@Mutation record %s mutates %s, which is not a record annotated @LiveValue"),

    /** Args: sealed interface, permitted subtype, its kind with an article ("a class"). */
    PERMITS_NON_RECORD(Kind.ERROR, "sealed %s permits %s, which is %s; the mutations of a value must be records "
            + "(or sealed interfaces whose permitted subtypes are records)"),

    /** Args: record, other record, value, id. */
    MUTATION_ID_COLLISION(Kind.ERROR, "mutation %s has the same id (0x%4$08x) as %s, another mutation of %s; "
            + "give one of them a different @Mutation(name = \"...\")"),

    /** Args: record, other record, value, generated name. */
    DUPLICATE_MUTATION_NAME(Kind.ERROR, "mutations %s and %s of %s would both be named %s in the generated code; "
            + "rename one of them"),

    /** Args: value, type, its kind with an article. */
    MESSAGE_TYPE_INVALID(Kind.ERROR, "the message type of @LiveValue %s must be a record or a sealed interface "
            + "whose permitted subtypes are records, but %s is %s; name a record (such as 'record Chat(@MaxLength(64) "
            + "String text)') or a sealed interface that permits records, or leave out 'messages =' for in-process "
            + "messages of any type"),

    /** Args: value, type, type parameters. */
    MESSAGE_TYPE_GENERIC(Kind.ERROR, "the message type %2$s of @LiveValue %1$s is generic; message codecs need "
            + "concrete types, so remove the type parameters <%3$s>"),

    /** Args: sealed interface, permitted subtype, its kind with an article, value. */
    MESSAGE_PERMITS_NON_RECORD(Kind.ERROR, "sealed %1$s, the message type of %4$s, permits %2$s, which is %3$s; "
            + "messages must be records (or sealed interfaces whose permitted subtypes are records)"),

    /** Args: record, other record, value, id. */
    MESSAGE_ID_COLLISION(Kind.ERROR, "message record %s has the same id (0x%4$08x) as %s, another message of %s; "
            + "ids derive from canonical names, so rename or move one of them"),

    /** Args: record, other record, value, generated name. */
    DUPLICATE_MESSAGE_NAME(Kind.ERROR, "message records %s and %s of %s would both be named %s in the generated "
            + "code; rename one of them"),

    /** Args: record, value, generated class. */
    MUTATION_TOO_LATE(Kind.ERROR, "mutation %s of %s appeared in a later annotation-processing round than the one "
            + "that generated %s, which therefore misses it; generate the mutation in the same round as the value "
            + "(or earlier)"),

    /** Args: mutation, value, generated class, what is wrong with it. */
    MUTATION_OF_SEPARATE_VALUE(Kind.ERROR, "mutation %1$s changes %2$s, which is compiled separately, and the %3$s "
            + "generated when %2$s was compiled %4$s; the mutations of a value are a closed set, fixed when the value is "
            + "compiled, so compile %1$s together with %2$s (in the same module), or rebuild both"),

    /** Args: generated class, record. */
    STALE_GENERATED_SOURCE(Kind.ERROR, "cannot generate %s for %s: an earlier version of it, generated by LiveStore, "
            + "is among the sources being compiled; delete it (clean the build) so that it is generated afresh"),

    /** Args: missing type. */
    RUNTIME_MISSING(Kind.ERROR, "%s is not on the class path; code generated for @LiveValue needs "
            + "io.livestore:livestore-runtime"),

    /** Args: the missing class (or the error), the error. */
    PROCESSOR_INCOMPLETE(Kind.ERROR, "the LiveStore processor cannot run: a class it needs, %s, is missing or "
            + "incompatible (%s); put the livestore-processor jar alone on the annotation processor path, since it "
            + "bundles what it needs (javac -processorpath, Gradle annotationProcessor, Maven "
            + "annotationProcessorPaths), rather than its classes or its dependencies separately"),

    /** Args: element, exception, stack trace. */
    INTERNAL_ERROR(Kind.ERROR, "the LiveStore processor failed on %s with %s; please report this with the stack "
            + "trace:%n%s");

    private final Kind kind;
    private final String format;

    Message(Kind kind, String format) {
        this.kind = kind;
        this.format = format;
    }

    /** @return the severity */
    public Kind kind() {
        return kind;
    }

    /**
     * @param args the arguments documented on the constant
     * @return the message text
     */
    public String format(Object... args) {
        return String.format(format, args);
    }
}
