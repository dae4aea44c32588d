package io.livestore.processor.write;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.TypeVariableName;
import com.squareup.javapoet.WildcardTypeName;
import io.livestore.processor.model.StoreModel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes {@code XStore} for a {@code @LiveValue} record {@code X}: a final class that holds a
 * {@code LiveStore<X, M>} built with {@code XLayout} and {@code XMutations}, and delegates every
 * operation to it with the types filled in. {@code mutate} takes the set's sealed parent when
 * there is one (so only the set's mutations compile) and throws its rejection; each mutation
 * whose name is free also gets a shortcut method ({@code damage(key, amount)}). A nested
 * {@code Builder} carries every option of {@code LiveStoreBuilder}.
 */
public final class StoreWriter {

    /** Names a shortcut must not take: {@code Object}'s methods. */
    private static final Set<String> OBJECT_METHODS = Set.of("clone", "equals", "finalize", "getClass", "hashCode",
            "notify", "notifyAll", "toString", "wait");

    private static final ClassName UUID_TYPE = ClassName.get(UUID.class);
    private static final ClassName DURATION = ClassName.get(Duration.class);

    private final Elements elements;

    /** @param elements the compiler's elements */
    public StoreWriter(Elements elements) {
        this.elements = elements;
    }

    /**
     * @param store the store
     * @return the generated file
     */
    public JavaFile write(StoreModel store) {
        Types t = new Types(store);
        ClassName self = store.storeName();
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.MANAGED_STORE, t.v))
                .alwaysQualify(JavaLangShadows.in(elements, self.packageName()))
                .addOriginatingElement(store.value());
        GeneratedAnnotation.of(elements, t.v.canonicalName()).ifPresent(type::addAnnotation);
        GeneratedAnnotation.suppressing(store.suppressedWarnings()).ifPresent(type::addAnnotation);

        type.addField(FieldSpec.builder(t.liveStore, "store", Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("The runtime store every method delegates to.\n").build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(t.liveStore, "store")
                .addStatement("this.store = store").build());
        type.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self.nestedClass("Builder"))
                .addJavadoc("Starts building a store of {@link $T}: every option has a default, so\n"
                        + "{@code builder().build()} is a working store.\n\n@return a new builder\n", t.v)
                .addStatement("return new Builder()").build());

        List<MethodSpec> methods = delegates(store, t);
        Set<String> taken = methods.stream().map(m -> m.name).collect(Collectors.toSet());
        taken.add("builder");
        methods.forEach(type::addMethod);
        List<StoreModel.SkippedShortcut> skipped = new ArrayList<>(store.withoutShortcut());
        List<StoreModel.Shortcut> shortcuts = freeShortcuts(store, taken, skipped);
        shortcuts.forEach(s -> type.addMethod(shortcut(s, t)));
        type.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(String.class)
                .addStatement("return $S + store + $S", self.simpleName() + "[", "]").build());
        type.addType(builder(store, t));
        type.addJavadoc(classJavadoc(store, t, shortcuts, skipped));
        return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /** The types of one store, with {@code V} and {@code M} filled in. */
    private static final class Types {
        final ClassName v;
        final TypeName m;
        final TypeName liveStore;
        final TypeName entry;
        final TypeName optionalEntry;
        final TypeName guard;
        final TypeName subscription;
        final TypeName watched;

        Types(StoreModel store) {
            v = store.valueType();
            m = store.messageType();
            liveStore = ParameterizedTypeName.get(RuntimeTypes.LIVE_STORE, v, m);
            entry = ParameterizedTypeName.get(RuntimeTypes.ENTRY, v);
            optionalEntry = ParameterizedTypeName.get(ClassName.get(Optional.class), entry);
            guard = ParameterizedTypeName.get(RuntimeTypes.ENTRY_GUARD, v, m);
            subscription = ParameterizedTypeName.get(RuntimeTypes.SUBSCRIPTION, v, m);
            watched = ParameterizedTypeName.get(RuntimeTypes.WATCHED_ENTRY, v, m);
        }
    }

    /** One delegating method: its signature, a summary, and the doc of what it returns. */
    private static final class Delegate {
        private final String name;
        private final TypeName returns;
        private final MethodSpec.Builder method;
        private final List<String> arguments = new ArrayList<>();
        private final String returnsDoc;

        Delegate(String name, TypeName returns, String summary, String returnsDoc) {
            this.name = name;
            this.returns = returns;
            this.method = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns)
                    .addJavadoc(summary + "\n\n");
            this.returnsDoc = returnsDoc;
        }

        Delegate param(TypeName type, String name, String doc) {
            method.addParameter(ParameterSpec.builder(type, name).build()).addJavadoc("@param $L $L\n", name, doc);
            arguments.add(name);
            return this;
        }

        Delegate throwing(TypeName exception, String doc) {
            method.addException(exception).addJavadoc("@throws $T $L\n", exception, doc);
            return this;
        }

        Delegate override() {
            method.addAnnotation(Override.class);
            return this;
        }

        MethodSpec build() {
            if (returnsDoc != null) {
                method.addJavadoc("@return $L\n", returnsDoc);
            }
            method.addJavadoc("@see $T#$L\n", RuntimeTypes.LIVE_STORE, name);
            String call = "store." + name + "(" + String.join(", ", arguments) + ")";
            return method.addStatement(returns.equals(TypeName.VOID) ? "$L" : "return $L", call).build();
        }
    }

    private static List<MethodSpec> delegates(StoreModel store, Types t) {
        TypeName v = t.v;
        TypeName m = t.m;
        String ttl = "the entry's time to live, positive; {@code null} for the store's default";
        String orNull = "a message for the watchers, or {@code null}";
        List<MethodSpec> out = new ArrayList<>();
        // Keys and writes.
        out.add(new Delegate("init", UUID_TYPE, "Inserts a value under a new random key (a SecureRandom UUID v4).",
                "the new key").param(v, "value", "the value").build());
        out.add(new Delegate("init", UUID_TYPE, "Inserts a value under a new random key, with its own time to live.",
                "the new key").param(v, "value", "the value").param(DURATION, "ttl", ttl).build());
        out.add(new Delegate("create", t.optionalEntry, "Inserts the value if the key has no entry; otherwise changes "
                + "nothing.", "the existing entry (nothing changed), or empty if the value was inserted").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the value").build());
        out.add(new Delegate("create", t.optionalEntry, "Inserts the value, with its own time to live, if the key has "
                + "no entry.", "the existing entry (nothing changed), or empty if the value was inserted").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the value").param(DURATION, "ttl", ttl).build());
        out.add(new Delegate("insert", t.optionalEntry, "Inserts the value, or overwrites the key's entry.",
                "the previous entry, or empty if the key had none").param(UUID_TYPE, "key", "the key").param(v, "value", "the value")
                .build());
        out.add(new Delegate("insert", t.optionalEntry, "Inserts the value, or overwrites the key's entry, with its own "
                + "time to live.", "the previous entry, or empty if the key had none").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the value").param(DURATION, "ttl", ttl).build());
        out.add(new Delegate("assign", t.optionalEntry, "Overwrites the key's entry if it has one; otherwise changes "
                + "nothing.", "the previous entry, or empty if the key had none (nothing changed)").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the new value").build());
        out.add(new Delegate("assign", t.optionalEntry, "Overwrites the key's entry if it has one, telling its watchers "
                + "{@code message}.", "the previous entry, or empty if the key had none (nothing changed)").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the new value").param(m, "message", orNull).build());
        out.add(new Delegate("remove", t.optionalEntry, "Removes the key's entry; its watchers' subscriptions end.",
                "the last entry, or empty if the key had none").param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("remove", t.optionalEntry, "Removes the key's entry, telling its watchers {@code message}.",
                "the last entry, or empty if the key had none").param(UUID_TYPE, "key", "the key").param(m, "message", orNull).build());
        out.add(new Delegate("clear", TypeName.VOID, "Removes every entry.", null).build());
        // Reads.
        out.add(new Delegate("get", t.optionalEntry, "Returns the key's latest entry. Allocates it; for hot loops use\n"
                + "{@link #reader()} and {@link $V}.".replace("$V", store.viewName().simpleName()),
                "the entry, or empty").param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("contains", TypeName.BOOLEAN, "Whether the key has an entry now.",
                "whether it has one").param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("size", TypeName.INT, "The number of entries now.", "the number of entries").override()
                .build());
        out.add(new Delegate("forEach", TypeName.VOID, "Passes every entry of one consistent snapshot to {@code action}.",
                null).param(ParameterizedTypeName.get(ClassName.get(Consumer.class), WildcardTypeName.supertypeOf(t.entry)),
                "action", "receives each entry").build());
        out.add(new Delegate("entries", ParameterizedTypeName.get(ClassName.get(List.class), t.entry),
                "Every entry of one consistent snapshot.", "the entries").build());
        out.add(new Delegate("reader", ParameterizedTypeName.get(RuntimeTypes.STORE_READER, v),
                ("Creates a reader for the calling thread: lock-free, allocation-free reads through {@link $V}.")
                        .replace("$V", store.viewName().simpleName()), "a new reader; close it when the thread is done")
                .build());
        // Mutations.
        addMutate(out, store, t);
        // Messages and watching.
        out.add(new Delegate("broadcast", TypeName.INT, "Sends a message to the key's watchers; changes nothing.",
                "how many subscriptions will receive it").param(UUID_TYPE, "key", "the key").param(m, "message", "the message")
                .build());
        out.add(new Delegate("watch", t.subscription, "Subscribes to the key's updates from now on.",
                "the subscription; close it when done").param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("onUpdate", t.subscription, "Calls {@code callback} with each update of the key, in order.",
                "the subscription; close it to stop").param(UUID_TYPE, "key", "the key")
                .param(ParameterizedTypeName.get(RuntimeTypes.UPDATE_CALLBACK, v, m), "callback", "receives the updates")
                .build());
        out.add(new Delegate("fetchAndWatch", t.watched, "Returns the key's entry and a subscription starting right "
                + "after it.", "the entry and its subscription").param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("initAndWatch", t.watched, "{@link #init} and {@link #watch} in one step.",
                "the new entry and its subscription").param(v, "value", "the value").build());
        out.add(new Delegate("createAndWatch", t.watched, "{@link #create} and {@link #watch} in one step.",
                "the entry (new or existing) and its subscription").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the value, inserted if the key has no entry").build());
        out.add(new Delegate("insertAndWatch", t.watched, "{@link #insert} and {@link #watch} in one step.",
                "the new entry and its subscription").param(UUID_TYPE, "key", "the key").param(v, "value", "the value")
                .build());
        out.add(new Delegate("assignAndWatch", t.watched, "{@link #assign} and {@link #watch} in one step.",
                "the new entry and its subscription").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the new value").build());
        // Entry locks.
        out.add(new Delegate("acquire", t.guard, "Locks the key's entry, waiting while another guard holds it.",
                "the guard; close it to unlock").param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("tryAcquire", ParameterizedTypeName.get(ClassName.get(Optional.class), t.guard),
                "Locks the key's entry if that is possible within {@code timeout}.", "the guard, or empty on timeout")
                .param(UUID_TYPE, "key", "the key").param(DURATION, "timeout", "the longest wait")
                .throwing(ClassName.get(InterruptedException.class), "if interrupted while waiting (nothing is held)")
                .build());
        out.add(new Delegate("acquireAsync", ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), t.guard),
                "Locks the key's entry without blocking the caller.", "the guard, once granted")
                .param(UUID_TYPE, "key", "the key").build());
        out.add(new Delegate("initAndAcquire", t.guard, "{@link #init} and {@link #acquire} in one step.",
                "the guard of the new entry").param(v, "value", "the value").build());
        out.add(new Delegate("createAndAcquire", t.guard, "{@link #create} and {@link #acquire} in one step.",
                "the guard of the entry (new or existing)").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the value, inserted if the key has no entry").build());
        out.add(new Delegate("assignAndAcquire", t.guard, "{@link #assign} and {@link #acquire} in one step.",
                "the guard of the overwritten entry").param(UUID_TYPE, "key", "the key")
                .param(v, "value", "the new value").build());
        out.add(new Delegate("heldKeys", ParameterizedTypeName.get(ClassName.get(List.class), UUID_TYPE),
                "The keys a guard holds now.", "the held keys").build());
        // Expiry and maintenance.
        out.add(new Delegate("evictExpired", ParameterizedTypeName.get(ClassName.get(List.class), t.entry),
                "Removes the entries whose expiry deadline has passed, now.", "the removed entries").build());
        out.add(new Delegate("maintain", TypeName.LONG, "Publishes writes that slow readers held back, if they moved on.",
                "the writes still waiting to be published").build());
        out.add(new Delegate("slowReaders", ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.SLOW_READER),
                "The open readers that hold a snapshot longer than the slow-reader threshold.", "the slow readers")
                .build());
        // About the store.
        out.add(new Delegate("name", ClassName.get(String.class), "The store's name, as threads and reports show it.",
                "the name").build());
        out.add(new Delegate("valueType", ParameterizedTypeName.get(ClassName.get(Class.class), v),
                "The class of the values.", "{@code $V.class}".replace("$V", t.v.simpleName())).override().build());
        out.add(new Delegate("memoryUsed", TypeName.LONG, "Native memory held now: the records, both copies of the key index and the index log.",
                "bytes").build());
        out.add(new Delegate("maxMemory", TypeName.LONG, "The limit of {@link #memoryUsed()}.", "bytes").build());
        out.add(new Delegate("isClosed", TypeName.BOOLEAN, "Whether {@link #close()} was called.", "whether closed")
                .override().build());
        out.add(new Delegate("close", TypeName.VOID, "Closes the store: subscriptions end, later calls throw, and its "
                + "memory is freed once no reader holds it. Idempotent.", null).override().build());
        out.add(MethodSpec.methodBuilder("asLiveStore").addModifiers(Modifier.PUBLIC).returns(t.liveStore)
                .addJavadoc("The runtime store this class delegates to, for code written against {@code LiveStore}.\n\n"
                        + "@return the same store\n")
                .addStatement("return store").build());
        return out;
    }

    /**
     * The mutate methods: over the set's closed type if it has one, else generic over the
     * rejection, as {@code LiveStore}'s own.
     */
    private static void addMutate(List<MethodSpec> out, StoreModel store, Types t) {
        TypeName v = t.v;
        TypeName future = ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), v);
        Optional<StoreModel.MutationType> closed = store.closedMutationType();
        TypeVariableName e = TypeVariableName.get("E", Exception.class);
        TypeName mutationType = closed.map(StoreModel.MutationType::type)
                .orElse(ParameterizedTypeName.get(RuntimeTypes.MUTATOR, v, e));
        TypeName anyMutation = closed.map(StoreModel.MutationType::type)
                .orElse(ParameterizedTypeName.get(RuntimeTypes.MUTATOR, v, WildcardTypeName.subtypeOf(Object.class)));
        String rejectionDoc = "the mutation's rejection: nothing changed";

        Delegate mutate = new Delegate("mutate", v, "Applies a mutation of {@code $V}'s set to the key's latest value "
                .replace("$V", t.v.simpleName()) + "and writes the result,\natomically for the key. Throws "
                + "{@code KeyNotFoundException} if the key has no entry.", "the new value")
                .param(UUID_TYPE, "key", "the key").param(mutationType, "mutation", "the mutation");
        Delegate ifVersion = new Delegate("mutateIfVersion", v, "As {@link #mutate}, only if the entry is at "
                + "{@code expectedVersion}; else {@code VersionConflictException}.", "the new value")
                .param(UUID_TYPE, "key", "the key").param(TypeName.LONG, "expectedVersion", "the version the caller read")
                .param(mutationType, "mutation", "the mutation");
        if (closed.isPresent()) {
            closed.get().rejection().ifPresent(r -> {
                mutate.throwing(r, rejectionDoc);
                ifVersion.throwing(r, rejectionDoc);
            });
        } else {
            for (Delegate d : List.of(mutate, ifVersion)) {
                d.method.addTypeVariable(e).addJavadoc("@param <E> the mutation's rejection\n");
                d.throwing(e, rejectionDoc);
            }
        }
        out.add(mutate.build());
        out.add(ifVersion.build());
        out.add(new Delegate("mutateAsync", future, "{@link #mutate} that never blocks the caller.",
                "the new value, or the rejection").param(UUID_TYPE, "key", "the key")
                .param(anyMutation, "mutation", "the mutation").build());
        out.add(new Delegate("mutateIfVersionAsync", future, "{@link #mutateIfVersion} that never blocks the caller.",
                "the new value, or the rejection").param(UUID_TYPE, "key", "the key")
                .param(TypeName.LONG, "expectedVersion", "the version the caller read")
                .param(anyMutation, "mutation", "the mutation").build());
    }

    /** The shortcuts whose names are free; the others go to {@code skipped} with the reason. */
    private static List<StoreModel.Shortcut> freeShortcuts(StoreModel store, Set<String> taken,
            List<StoreModel.SkippedShortcut> skipped) {
        Map<String, List<StoreModel.Shortcut>> byName = new LinkedHashMap<>();
        store.shortcuts().forEach(s -> byName.computeIfAbsent(s.methodName(), n -> new ArrayList<>()).add(s));
        List<StoreModel.Shortcut> free = new ArrayList<>();
        for (Map.Entry<String, List<StoreModel.Shortcut>> named : byName.entrySet()) {
            String name = named.getKey();
            String reason = taken.contains(name) ? "the store already has a method " + name + "(...)"
                    : OBJECT_METHODS.contains(name) ? name + "(...) is a method of Object"
                    : SourceVersion.isKeyword(name) ? name + " is a Java keyword"
                    : named.getValue().size() > 1 ? "another mutation has the same simple name" : null;
            if (reason == null) {
                free.add(named.getValue().get(0));
            } else {
                named.getValue().forEach(s -> skipped.add(new StoreModel.SkippedShortcut(s.mutation(), reason)));
            }
        }
        return free;
    }

    private static MethodSpec shortcut(StoreModel.Shortcut s, Types t) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(s.methodName()).addModifiers(Modifier.PUBLIC)
                .returns(t.v)
                .addJavadoc("Applies {@link $T} to the key's entry: {@code mutate(key, new $T(...))}.\n\n",
                        s.mutation(), s.mutation())
                .addParameter(UUID_TYPE, "key").addJavadoc("@param key the key\n");
        List<String> args = new ArrayList<>();
        for (StoreModel.Component c : s.components()) {
            // A component named "key" or "store" must not shadow the parameter or the field.
            String name = c.name().equals("key") || c.name().equals("store") ? c.name() + "_" : c.name();
            method.addParameter(c.type(), name).addJavadoc("@param $L the mutation's {@code $L}\n", name, c.name());
            args.add(name);
        }
        method.addJavadoc("@return the new value\n");
        s.rejection().ifPresent(r -> method.addException(r).addJavadoc("@throws $T the rejection: nothing changed\n", r));
        return method.addStatement("return store.mutate(key, new $T($L))", s.mutation(), String.join(", ", args))
                .build();
    }

    private static TypeSpec builder(StoreModel store, Types t) {
        ClassName self = store.storeName().nestedClass("Builder");
        TypeName runtimeBuilder = ParameterizedTypeName.get(RuntimeTypes.LIVE_STORE_BUILDER, t.v, t.m);
        CodeBlock.Builder init = CodeBlock.builder().add("$T.builder($T.INSTANCE)\n", RuntimeTypes.LIVE_STORE,
                store.layoutName()).indent().indent().add(".mutations($T.INSTANCE)", store.mutationsName());
        if (store.declaresMessages()) {
            init.add("\n.messages($T.class)", t.m);
        }
        init.unindent().unindent();
        TypeSpec.Builder type = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Options of a {@link $T}; each setter's meaning, default and limits are those of\n"
                        + "{@link $T}'s method of the same name, which checks them at once.\n",
                        store.storeName(), RuntimeTypes.LIVE_STORE_BUILDER)
                .addField(FieldSpec.builder(runtimeBuilder, "builder", Modifier.PRIVATE, Modifier.FINAL)
                        .initializer(init.build()).build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        ClassName executor = ClassName.get(Executor.class);
        Object[][] options = {
                {"name", ClassName.get(String.class), "name", "the store's name for threads and reports"},
                {"expectedEntries", TypeName.INT, "entries", "how many entries to size the table for"},
                {"maxMemory", TypeName.LONG, "bytes", "the most native memory the store may hold"},
                {"clock", ClassName.get(InstantSource.class), "clock", "where every recorded time comes from"},
                {"expireAfterWrite", DURATION, "duration", "entries not written for this long expire"},
                {"expireCheckEvery", DURATION, "period", "how often expired entries are removed"},
                {"onExpire", ParameterizedTypeName.get(ClassName.get(Consumer.class), WildcardTypeName.supertypeOf(
                        ParameterizedTypeName.get(ClassName.get(List.class), t.entry))), "callback",
                        "receives the entries each expiry check removed"},
                {"watchBuffer", TypeName.INT, "updates", "updates buffered per watched key"},
                {"publishInterval", DURATION, "period", "how often held-back writes are retried"},
                {"slowReaderThreshold", DURATION, "threshold", "how long a reader may hold back publication"},
                {"onSlowReader", ParameterizedTypeName.get(ClassName.get(Consumer.class),
                        WildcardTypeName.supertypeOf(RuntimeTypes.SLOW_READER)), "callback",
                        "receives reports of slow readers"},
                {"scheduler", ClassName.get(ScheduledExecutorService.class), "scheduler", "runs the background work"},
                {"executor", executor, "executor", "runs async operations that waited for a lock"},
                {"callbackExecutor", executor, "executor", "runs {@code onUpdate} callbacks"},
        };
        for (Object[] o : options) {
            String name = (String) o[0];
            type.addMethod(MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(self)
                    .addJavadoc("Sets {@link $T#$L}.\n\n@param $L $L\n@return this builder\n",
                            RuntimeTypes.LIVE_STORE_BUILDER, name, o[2], o[3])
                    .addParameter((TypeName) o[1], (String) o[2])
                    .addStatement("builder.$L($L)", name, o[2])
                    .addStatement("return this").build());
        }
        type.addMethod(MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(store.storeName())
                .addJavadoc("Builds the store; its maintenance starts now.\n\n@return a new, empty store\n")
                .addStatement("return new $T(builder.build())", store.storeName()).build());
        return type.build();
    }

    private static TypeName rawType(TypeName type) {
        return type instanceof ParameterizedTypeName p ? p.rawType : type;
    }

    private static CodeBlock classJavadoc(StoreModel store, Types t, List<StoreModel.Shortcut> shortcuts,
            List<StoreModel.SkippedShortcut> skipped) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("A live store of {@link $T} values, generated by the LiveStore processor from\n", t.v)
                .add("{@code $L}: a typed face of {@link $T},\nbuilt with {@link $T} and {@link $T}.\n\n",
                        t.v.canonicalName(), RuntimeTypes.LIVE_STORE, store.layoutName(), store.mutationsName())
                .add("<pre>{@code\n")
                .add("$L store = $L.builder().build();\n", store.storeName().simpleName(), store.storeName().simpleName())
                .add("UUID key = store.init(value);\n")
                .add("store.mutate(key, mutation);\n")
                .add("try (StoreReader<$L> reader = store.reader()) {\n", t.v.simpleName())
                .add("    $L view = new $L();\n", store.viewName().simpleName(), store.viewName().simpleName())
                .add("    if (reader.current().find(key, view)) { ... }\n")
                .add("}\n")
                .add("}</pre>\n\n");
        if (store.closedMutationType().isPresent()) {
            doc.add("<p>{@code mutate} takes {@link $T}, so only the mutations of the set compile",
                    rawType(store.closedMutationType().get().type()));
            store.closedMutationType().get().rejection().ifPresent(r -> doc.add(",\nand throws {@link $T}", rawType(r)));
            doc.add(".\n");
        } else {
            doc.add("<p>{@code mutate} takes any {@code Mutator<$L, E>} and throws its {@code E}; a mutation that\n"
                    + "is not in {@code $L} is refused with {@code IllegalArgumentException}.\n",
                    t.v.simpleName(), store.mutationsName().simpleName());
        }
        if (!shortcuts.isEmpty()) {
            doc.add("Each mutation also has a shortcut that builds it from its components:\n<ul>\n");
            for (StoreModel.Shortcut s : shortcuts) {
                doc.add("  <li>{@link #$L} for {@link $T}\n", s.methodName(), s.mutation());
            }
            doc.add("</ul>\n");
        }
        if (!skipped.isEmpty()) {
            doc.add("<p>No shortcut, so use {@code mutate}, for:\n<ul>\n");
            for (StoreModel.SkippedShortcut s : skipped) {
                doc.add("  <li>{@link $T}: $L\n", s.mutation(), s.reason());
            }
            doc.add("</ul>\n");
        }
        if (store.declaresMessages()) {
            doc.add("<p>Watchers receive messages of type {@link $T}.\n", t.m);
        }
        return doc.add("\n<p>Thread-safe, as {@code LiveStore}.\n").build();
    }
}
