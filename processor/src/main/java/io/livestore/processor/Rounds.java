package io.livestore.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import io.livestore.annotations.LiveValue;
import io.livestore.annotations.Mutation;
import io.livestore.processor.analyse.Accessibility;
import io.livestore.processor.analyse.Deprecations;
import io.livestore.processor.analyse.GeneratedOutput;
import io.livestore.processor.analyse.MessageAnalyser;
import io.livestore.processor.analyse.MutationAnalyser;
import io.livestore.processor.analyse.SealedPermits;
import io.livestore.processor.analyse.StoreAnalyser;
import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.analyse.ValueAnalyser;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import io.livestore.processor.model.EncodedRecord;
import io.livestore.processor.model.MessageSetModel;
import io.livestore.processor.model.MutationSetModel;
import io.livestore.processor.model.StoreModel;
import io.livestore.processor.model.Names;
import io.livestore.processor.model.ValueModel;
import io.livestore.processor.validate.EncodedSetValidator;
import io.livestore.processor.validate.MessageTypeValidator;
import io.livestore.processor.validate.RecordValidator;
import io.livestore.processor.validate.Target;
import io.livestore.processor.write.LayoutWriter;
import io.livestore.processor.write.MessagesWriter;
import io.livestore.processor.write.MutationsWriter;
import io.livestore.processor.write.StoreWriter;
import io.livestore.processor.write.ViewWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * What {@link LiveStoreProcessor} does in each round: wires the phases (analyse, validate,
 * model, write) and handles what spans rounds:
 *
 * <ul>
 *   <li><b>Deferral.</b> A record whose component or supertype does not resolve yet may refer to a
 *       type another processor generates in this round; it is retried in the next round (and
 *       left to the compiler's own error in the last one).
 *   <li><b>Closed mutation sets.</b> {@code XMutations} must list every mutation of {@code X}, so
 *       it is written one round after {@code XLayout} (so that mutations another processor
 *       generates alongside {@code X} are in it) and only in a round where no mutation is waiting
 *       for a type. A mutation of
 *       {@code X} that appears in a later round than {@code XMutations} is an error, never a
 *       stale dispatcher. For the same reason the processor is registered with Gradle as
 *       <em>aggregating</em> ({@code META-INF/gradle/incremental.annotation.processors}).
 *   <li><b>Views and stores.</b> {@code XView} is written with {@code XLayout}; {@code XStore}
 *       with {@code XMutations}, since its {@code mutate} is typed by the set, and after
 *       {@code XMessages}, whose message type it carries.
 *   <li><b>Messages.</b> {@code XMessages} is written in the round of {@code XLayout}: a message
 *       type is a record or a sealed interface, closed as soon as it resolves (a value whose
 *       message type does not resolve yet waits like one whose component does not).
 *   <li><b>Earlier output.</b> A class with a generated name that this processor generated in an
 *       earlier build (on the class path or source path of an incremental or multi-module build)
 *       is not a clash: it is generated afresh. A mutation whose value was compiled separately
 *       cannot join that value's {@code XMutations}: it is accepted if that set already holds it,
 *       with the same encoding, and is an error otherwise.
 *   <li><b>Never crashing the compiler.</b> Every problem becomes a diagnostic on its element,
 *       and an unexpected exception while handling one element becomes an error on that element;
 *       processing goes on, so one build reports every error.
 * </ul>
 */
final class Rounds {

    private final ProcessingEnvironment processingEnv;
    private final Diagnostics diagnostics;
    private final TypeSupport support;
    private final RecordValidator validator;
    private final MutationAnalyser mutations;

    private final Set<String> deferredValues = new LinkedHashSet<>();
    private final Set<String> deferredMutations = new LinkedHashSet<>();
    /** Values validated and waiting for their {@code XMutations}. */
    private final Set<String> pendingSets = new LinkedHashSet<>();
    /** Values that failed validation: no code is generated for them or values that nest them. */
    private final Set<String> invalidValues = new HashSet<>();
    /** Values whose mutation set has an error of its own (a sealed parent that permits a class). */
    private final Set<String> brokenSets = new HashSet<>();
    /** The types this processor generated, in every round, with the record each was generated for. */
    private final Map<String, TypeElement> generated = new HashMap<>();
    /** For each value whose {@code XMutations} exists, the mutations it contains. */
    private final Map<String, Set<String>> writtenSets = new HashMap<>();
    /** The message records of the values of this round that declare a valid message type. */
    private final Map<TypeElement, List<TypeElement>> messageRecords = new HashMap<>();
    /** Values whose {@code XMessages} was written, with their message type. */
    private final Map<String, TypeElement> writtenMessages = new HashMap<>();
    /** Canonical names of the top-level types of every round, from sources or class files. */
    private final Set<String> rootTypes = new HashSet<>();
    private boolean runtimeReported;

    /**
     * @param processingEnv the compiler's environment
     * @param diagnostics the funnel
     */
    Rounds(ProcessingEnvironment processingEnv, Diagnostics diagnostics) {
        this.processingEnv = processingEnv;
        this.diagnostics = diagnostics;
        this.support = new TypeSupport(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
        this.validator = new RecordValidator(support, diagnostics);
        this.mutations = new MutationAnalyser(support);
    }

    /**
     * Runs one round.
     *
     * @param round the round
     */
    void process(RoundEnvironment round) {
        try {
            for (Element root : round.getRootElements()) {
                if (root instanceof TypeElement t) {
                    rootTypes.add(t.getQualifiedName().toString());
                }
            }
            List<TypeElement> values = collect(round, LiveValue.class, deferredValues);
            List<TypeElement> mutationRecords = collect(round, Mutation.class, deferredMutations);
            boolean wroteLayouts = processValues(values, round.processingOver());
            processMutations(mutationRecords, round.processingOver(), wroteLayouts);
        } catch (RuntimeException | AssertionError e) {
            // Per-element failures are caught closer to their element; this is the last resort
            // that keeps a bug here from crashing the compiler.
            diagnostics.reportUnattached(Message.INTERNAL_ERROR, "this round", e, stackTrace(e));
        }
    }

    private List<TypeElement> collect(RoundEnvironment round, Class<? extends java.lang.annotation.Annotation> a,
            Set<String> deferred) {
        Elements elements = processingEnv.getElementUtils();
        Map<String, TypeElement> found = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement e = elements.getTypeElement(name);
            if (e != null) {
                found.put(name, e);
            }
        }
        deferred.clear();
        for (Element e : round.getElementsAnnotatedWith(a)) {
            if (e instanceof TypeElement t) {
                found.putIfAbsent(t.getQualifiedName().toString(), t);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** @return whether a layout was written, which guarantees another round */
    private boolean processValues(List<TypeElement> values, boolean lastRound) {
        List<TypeElement> valid = new ArrayList<>();
        for (TypeElement value : values) {
            guard(value, () -> {
                if (!validator.isRecord(value, "LiveValue")) {
                    invalidValues.add(value.getQualifiedName().toString());
                } else if (support.isIncomplete(value) || messagesIncomplete(value)) {
                    if (!lastRound) {
                        deferredValues.add(value.getQualifiedName().toString());
                    }
                } else {
                    boolean ok = validator.validate(value, valueTarget(value));
                    // A local record has no name that generated code could use (reported above).
                    ok = !Accessibility.isLocal(value) && namesAvailable(value) && ok;
                    if (ok) {
                        valid.add(value);
                        // Invalid messages cost only XMessages: the layout is still generated.
                        MessageAnalyser.declared(value).flatMap(d -> new MessageTypeValidator(support, validator,
                                diagnostics).validate(value, d, messagesTarget(value)))
                                .ifPresent(records -> messageRecords.put(value, records));
                    } else {
                        invalidValues.add(value.getQualifiedName().toString());
                    }
                }
            });
        }
        if (!valid.isEmpty() && !runtimeAvailable(valid.get(0))) {
            return false;
        }
        ValueAnalyser analyser = new ValueAnalyser(support, invalidValues);
        int written = 0;
        for (TypeElement value : valid) {
            Optional<ValueModel> model = guard(value, () -> analyser.value(value)).flatMap(m -> m);
            Optional<JavaFile> file = model.flatMap(m -> guard(value,
                    () -> new LayoutWriter(processingEnv.getElementUtils()).write(m)));
            if (file.isPresent() && write(file.get(), value)) {
                pendingSets.add(value.getQualifiedName().toString());
                written++;
                guard(value, () -> {
                    write(new ViewWriter(processingEnv.getElementUtils(), this::hasView).write(model.get()), value);
                });
                List<TypeElement> messages = messageRecords.get(value);
                if (messages != null) {
                    guard(value, () -> writeMessages(value, messages, analyser));
                }
            }
        }
        messageRecords.clear();
        return written > 0;
    }

    /**
     * Whether the declared message type of a value, or a component of one of its records, does
     * not resolve yet (another processor may generate it).
     */
    private boolean messagesIncomplete(TypeElement value) {
        if (MessageAnalyser.isUnresolved(value)) {
            return true;
        }
        Optional<MessageAnalyser.Declared> declared = MessageAnalyser.declared(value);
        if (declared.isEmpty()) {
            return false;
        }
        Optional<TypeElement> type = declared.get().element();
        if (type.isEmpty()) {
            return false;
        }
        List<TypeElement> records = type.get().getKind() == javax.lang.model.element.ElementKind.RECORD
                ? List.of(type.get())
                : SealedPermits.of(type.get()).records();
        return records.stream().anyMatch(support::isIncomplete);
    }

    /** Writes {@code XMessages}, in the round of {@code XLayout}: a message type is closed when it resolves. */
    private void writeMessages(TypeElement value, List<TypeElement> records, ValueAnalyser analyser) {
        if (processingEnv.getElementUtils().getTypeElement(TypeSupport.MESSAGE_SET) == null) {
            diagnostics.report(Message.RUNTIME_MISSING, value, TypeSupport.MESSAGE_SET);
            return;
        }
        MessageAnalyser.Declared declared = MessageAnalyser.declared(value).orElseThrow();
        TypeElement messageType = declared.element().orElseThrow();
        ClassName messagesName = Names.messagesName(ClassName.get(value));
        List<EncodedRecord> models = new ArrayList<>();
        for (TypeElement r : records.stream().sorted(Comparator.comparing(r -> r.getQualifiedName().toString()))
                .toList()) {
            Optional<io.livestore.processor.model.LayoutModel> layout = analyser.encoding(r);
            if (layout.isEmpty()) {
                return;
            }
            models.add(MessageAnalyser.model(r, layout.get()));
        }
        if (!new EncodedSetValidator(diagnostics).validate(EncodedSetValidator.Kind.MESSAGES, value,
                messagesName.simpleName(), models)
                || !pendingNameFree(messagesName, value, TypeSupport.MESSAGE_SET, messageType)) {
            return;
        }
        List<TypeElement> used = new ArrayList<>(records);
        used.add(messageType);
        List<String> suppressed = new Deprecations(processingEnv.getElementUtils()).suppressions(used);
        if (write(new MessagesWriter(processingEnv.getElementUtils())
                .write(MessageSetModel.of(value, ClassName.get(messageType), models, suppressed)), value)) {
            writtenMessages.put(value.getQualifiedName().toString(), messageType);
        }
    }

    /**
     * Whether a nested value has a view to read it through: it is valid in this compilation (its
     * view is written with its layout, in this round or an earlier one), or its view was compiled
     * before.
     */
    private boolean hasView(ClassName nested) {
        TypeElement element = processingEnv.getElementUtils().getTypeElement(nested.canonicalName());
        if (element != null && inThisCompilation(element)) {
            return !invalidValues.contains(nested.canonicalName());
        }
        TypeElement view = processingEnv.getElementUtils().getTypeElement(Names.viewName(nested).canonicalName());
        return view != null && element != null && GeneratedOutput.isOurs(view, TypeSupport.VALUE_VIEW, element);
    }

    /**
     * Writes {@code XStore} once {@code XMutations} is written: the store's {@code mutate} is
     * typed by the set. Not for a value that declares messages whose {@code XMessages} failed
     * (that error is reported already).
     */
    private void writeStore(TypeElement value, MutationSetModel set, List<TypeElement> used) {
        String key = value.getQualifiedName().toString();
        Optional<TypeElement> messageType = Optional.ofNullable(writtenMessages.get(key));
        if (MessageAnalyser.declared(value).isPresent() && messageType.isEmpty()) {
            return;
        }
        List<TypeElement> all = new ArrayList<>(used);
        messageType.ifPresent(all::add);
        List<String> suppressed = new Deprecations(processingEnv.getElementUtils()).suppressions(all);
        StoreModel model = new StoreAnalyser(support, processingEnv.getElementUtils()).store(set, messageType, suppressed);
        write(new StoreWriter(processingEnv.getElementUtils()).write(model), value);
    }

    /**
     * Gathers mutations by value and writes the sets. A set is written one round after its value's
     * layout (the layout guarantees that round), so that mutations which other processors
     * generate in the value's round are in it; and only once no mutation waits for a type.
     */
    private void processMutations(List<TypeElement> records, boolean lastRound, boolean wroteLayouts) {
        boolean waiting = wroteLayouts || !deferredValues.isEmpty();
        for (TypeElement r : records) {
            if (r.getKind() == javax.lang.model.element.ElementKind.RECORD && support.isIncomplete(r) && !lastRound) {
                waiting = true;
            }
        }
        if (waiting && !lastRound) {
            // A set must be complete: wait until every mutation resolves.
            records.forEach(r -> deferredMutations.add(r.getQualifiedName().toString()));
            return;
        }
        Map<String, TypeElement> valueElements = new LinkedHashMap<>();
        Map<String, Set<TypeElement>> byValue = new LinkedHashMap<>();
        Set<TypeElement> reportedSealed = new HashSet<>();
        Set<TypeElement> reportedValueless = new HashSet<>();
        for (TypeElement r : records) {
            guard(r, () -> {
                if (!validator.isRecord(r, "Mutation") || support.isIncomplete(r)) {
                    return;
                }
                Optional<TypeElement> value = valueOf(r, reportedValueless);
                if (value.isEmpty()) {
                    return;
                }
                String key = value.get().getQualifiedName().toString();
                valueElements.put(key, value.get());
                byValue.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(r);
                for (TypeElement sealed : mutations.sealedParents(r)) {
                    SealedPermits permits = SealedPermits.of(sealed);
                    // A generic sealed parent (Command<V> extends Mutator<V, E>) may permit the
                    // mutations of several values: each goes to the set of the value it changes.
                    for (TypeElement permitted : permits.records()) {
                        valueOf(permitted, reportedValueless).ifPresent(v -> {
                            String k = v.getQualifiedName().toString();
                            valueElements.put(k, v);
                            byValue.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(permitted);
                        });
                    }
                    if (reportedSealed.add(sealed)) {
                        for (TypeElement bad : permits.nonRecords()) {
                            diagnostics.report(Message.PERMITS_NON_RECORD, sealed, sealed.getQualifiedName(),
                                    bad.getQualifiedName(), TypeSupport.kindWithArticle(bad));
                            brokenSets.add(key);
                        }
                    }
                }
            });
        }
        Set<String> keys = new LinkedHashSet<>(pendingSets);
        keys.addAll(byValue.keySet());
        pendingSets.clear();
        for (String key : keys) {
            TypeElement value = valueElements.getOrDefault(key, processingEnv.getElementUtils().getTypeElement(key));
            guard(value, () -> writeSet(value, byValue.getOrDefault(key, Set.of())));
        }
    }

    /**
     * @param mutation a mutation record
     * @param reported mutations already reported, so that each is reported once
     * @return the {@code @LiveValue} it changes, or empty after reporting why there is none
     */
    private Optional<TypeElement> valueOf(TypeElement mutation, Set<TypeElement> reported) {
        Optional<TypeMirror> valueType = mutations.valueType(mutation);
        if (valueType.isEmpty()) {
            if (reported.add(mutation)) {
                Optional<TypeElement> raw = mutations.rawMutatorDeclarer(mutation);
                if (raw.isPresent()) {
                    diagnostics.report(Message.RAW_MUTATOR, mutation, mutation.getQualifiedName(),
                            raw.get().equals(mutation) ? "" : " through " + raw.get().getQualifiedName());
                } else {
                    diagnostics.report(Message.NOT_A_MUTATOR, mutation, mutation.getQualifiedName());
                }
            }
            return Optional.empty();
        }
        Optional<TypeElement> value = mutations.liveValue(valueType.get());
        if (value.isEmpty() && reported.add(mutation)) {
            diagnostics.report(Message.VALUE_NOT_LIVE_VALUE, mutation, mutation.getQualifiedName(), valueType.get());
        }
        return value;
    }

    private void writeSet(TypeElement value, Set<TypeElement> records) {
        String key = value.getQualifiedName().toString();
        Set<String> written = writtenSets.get(key);
        if (written != null) {
            for (TypeElement r : records) {
                if (!written.contains(r.getQualifiedName().toString())) {
                    diagnostics.report(Message.MUTATION_TOO_LATE, r, r.getQualifiedName(), value.getQualifiedName(),
                            Names.mutationsName(ClassName.get(value)).simpleName());
                }
            }
            return;
        }
        ClassName mutationsName = Names.mutationsName(ClassName.get(value));
        if (!inThisCompilation(value)) {
            checkSeparateSet(value, records, mutationsName);
            return;
        }
        Target target = new Target("@Mutation record", false, processingEnv.getElementUtils().getPackageOf(value),
                mutationsName.simpleName());
        List<TypeElement> sorted = records.stream()
                .sorted(Comparator.comparing(r -> r.getQualifiedName().toString())).toList();
        boolean ok = !invalidValues.contains(key) && !brokenSets.contains(key);
        for (TypeElement r : sorted) {
            ok &= validator.validate(r, target);
        }
        if (!ok || !runtimeAvailable(value)) {
            return;
        }
        ValueAnalyser analyser = new ValueAnalyser(support, invalidValues);
        List<EncodedRecord> models = new ArrayList<>();
        for (TypeElement r : sorted) {
            Optional<io.livestore.processor.model.LayoutModel> layout = analyser.encoding(r);
            if (layout.isEmpty()) {
                return;
            }
            models.add(mutations.model(r, layout.get()));
        }
        if (!new EncodedSetValidator(diagnostics).validate(EncodedSetValidator.Kind.MUTATIONS, value,
                mutationsName.simpleName(), models)) {
            return;
        }
        if (!pendingNameFree(mutationsName, value, TypeSupport.MUTATION_SET, value)) {
            return;
        }
        List<TypeElement> used = new ArrayList<>(sorted);
        used.add(value);
        List<String> suppressed = new Deprecations(processingEnv.getElementUtils()).suppressions(used);
        MutationSetModel set = MutationSetModel.of(value, ClassName.get(value), models, suppressed);
        if (!write(new MutationsWriter(processingEnv.getElementUtils()).write(set), value)) {
            return;
        }
        Set<String> included = new HashSet<>();
        sorted.forEach(r -> included.add(r.getQualifiedName().toString()));
        writtenSets.put(key, included);
        writeStore(value, set, used);
    }

    /**
     * Whether a type belongs to this compilation: its top-level type is a root element of some
     * round (a source file, or a class file that Gradle hands back for reprocessing), rather than
     * a type found on the class path.
     */
    private boolean inThisCompilation(TypeElement type) {
        Element top = type;
        while (top.getEnclosingElement() instanceof TypeElement enclosing) {
            top = enclosing;
        }
        return rootTypes.contains(((TypeElement) top).getQualifiedName().toString());
    }

    /**
     * Mutations of a value compiled separately (another module; an IDE recompiling only the
     * mutation) cannot change that value's {@code XMutations}, which was generated with the value.
     * They are fine if that set already holds them, with the encodings they have now; otherwise
     * the set is stale or misses them, which is an error on each such mutation.
     */
    private void checkSeparateSet(TypeElement value, Set<TypeElement> records, ClassName mutationsName) {
        Target target = new Target("@Mutation record", false, processingEnv.getElementUtils().getPackageOf(value),
                mutationsName.simpleName());
        List<TypeElement> sorted = records.stream()
                .sorted(Comparator.comparing(r -> r.getQualifiedName().toString())).toList();
        boolean ok = true;
        for (TypeElement r : sorted) {
            ok &= validator.validate(r, target);
        }
        if (!ok || !runtimeAvailable(value)) {
            return;
        }
        TypeElement existing = processingEnv.getElementUtils().getTypeElement(mutationsName.canonicalName());
        String problem;
        if (existing == null || !GeneratedOutput.isOurs(existing, TypeSupport.MUTATION_SET, value)) {
            problem = "does not exist";
        } else {
            List<TypeElement> held = GeneratedOutput.encodedRecords(existing);
            if (!held.containsAll(sorted)) {
                problem = "does not contain it";
            } else {
                ValueAnalyser analyser = new ValueAnalyser(support, invalidValues);
                List<EncodedRecord> models = new ArrayList<>();
                for (TypeElement r : held) {
                    analyser.encoding(r).ifPresent(layout -> models.add(mutations.model(r, layout)));
                }
                long now = MutationSetModel.of(value, ClassName.get(value), models, List.of()).fingerprint();
                if (models.size() == held.size() && GeneratedOutput.fingerprint(existing).orElse(~now) == now) {
                    return;
                }
                problem = "was generated from other versions of its mutations";
            }
        }
        for (TypeElement r : sorted) {
            if (inThisCompilation(r)) {
                diagnostics.report(Message.MUTATION_OF_SEPARATE_VALUE, r, r.getQualifiedName(), value.getQualifiedName(),
                        mutationsName.simpleName(), problem);
            }
        }
    }

    private Target messagesTarget(TypeElement value) {
        return new Target("message record", false, processingEnv.getElementUtils().getPackageOf(value),
                Names.messagesName(ClassName.get(value)).simpleName());
    }

    private Target valueTarget(TypeElement value) {
        String layout = Accessibility.isLocal(value)
                ? value.getSimpleName() + "Layout"
                : Names.layoutName(ClassName.get(value)).simpleName();
        return new Target("@LiveValue record", true, processingEnv.getElementUtils().getPackageOf(value), layout);
    }

    private boolean namesAvailable(TypeElement value) {
        ClassName type = ClassName.get(value);
        boolean free = pendingNameFree(Names.layoutName(type), value, TypeSupport.VALUE_LAYOUT, value)
                & pendingNameFree(Names.mutationsName(type), value, TypeSupport.MUTATION_SET, value)
                & pendingNameFree(Names.viewName(type), value, TypeSupport.VALUE_VIEW, value)
                & pendingNameFree(Names.storeName(type), value, TypeSupport.MANAGED_STORE, value);
        Optional<TypeElement> messageType = MessageAnalyser.declared(value).flatMap(MessageAnalyser.Declared::element);
        if (messageType.isPresent()) {
            free &= pendingNameFree(Names.messagesName(type), value, TypeSupport.MESSAGE_SET, messageType.get());
        }
        return free;
    }

    /**
     * @param name a class to generate
     * @param source the record it is generated for
     * @param contract the runtime interface it implements
     * @param subject the type argument of {@code contract}: the value, or its message type
     * @return whether no other type has the name; an earlier output of this processor for the same
     *     record does not count (the new source supersedes it)
     */
    private boolean pendingNameFree(ClassName name, TypeElement source, String contract, TypeElement subject) {
        String canonical = name.canonicalName();
        if (generated.containsKey(canonical)) {
            return true;
        }
        TypeElement existing = processingEnv.getElementUtils().getTypeElement(canonical);
        if (existing != null && !GeneratedOutput.isOurs(existing, contract, subject)) {
            diagnostics.report(Message.DUPLICATE_GENERATED_NAME, source, canonical, source.getQualifiedName(),
                    describe(existing));
            return false;
        }
        return true;
    }

    private boolean runtimeAvailable(Element blame) {
        for (String required : List.of("io.livestore.runtime.layout.ValueLayout", TypeSupport.MUTATOR)) {
            if (processingEnv.getElementUtils().getTypeElement(required) == null) {
                if (!runtimeReported) {
                    diagnostics.report(Message.RUNTIME_MISSING, blame, required);
                    runtimeReported = true;
                }
                return false;
            }
        }
        return true;
    }

    /** @return whether the file was written */
    private boolean write(JavaFile file, TypeElement source) {
        String name = file.packageName.isEmpty() ? file.typeSpec.name : file.packageName + "." + file.typeSpec.name;
        TypeElement other = generated.putIfAbsent(name, source);
        if (other != null) {
            // Flattened names meet: Game.Player and Game_Player both give Game_PlayerLayout.
            diagnostics.report(Message.DUPLICATE_GENERATED_NAME, source, name, source.getQualifiedName(),
                    "the code generated for " + other.getQualifiedName());
            return false;
        }
        try {
            file.writeTo(processingEnv.getFiler());
            return true;
        } catch (FilerException e) {
            // The Filer refuses a type that is among this compilation's own sources: our own stale
            // output (passed back as a source), or a user's type with the same shape.
            TypeElement existing = processingEnv.getElementUtils().getTypeElement(name);
            if (existing != null && GeneratedOutput.hasOurGeneratedAnnotation(existing)) {
                diagnostics.report(Message.STALE_GENERATED_SOURCE, source, name, source.getQualifiedName());
            } else {
                diagnostics.report(Message.DUPLICATE_GENERATED_NAME, source, name, source.getQualifiedName(),
                        existing == null ? "a source of this compilation" : describe(existing));
            }
        } catch (IOException e) {
            diagnostics.report(Message.INTERNAL_ERROR, source, source.getQualifiedName(), e, stackTrace(e));
        }
        return false;
    }

    private static String describe(TypeElement type) {
        return type.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                + type.getQualifiedName();
    }

    /** Runs one element's work; an unexpected exception becomes an error on that element. */
    private void guard(Element element, Runnable work) {
        guard(element, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /** Runs one element's work; an unexpected exception becomes an error on that element. */
    private <T> Optional<T> guard(Element element, java.util.function.Supplier<T> work) {
        try {
            return Optional.ofNullable(work.get());
        } catch (RuntimeException | AssertionError e) {
            diagnostics.report(Message.INTERNAL_ERROR, element, element, e, stackTrace(e));
            return Optional.empty();
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
