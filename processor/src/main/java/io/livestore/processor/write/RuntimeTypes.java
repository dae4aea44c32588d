package io.livestore.processor.write;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;

/** Names of the runtime types generated code refers to. */
final class RuntimeTypes {

    static final String LAYOUT_PACKAGE = "io.livestore.runtime.layout";
    static final ClassName VALUE_LAYOUT = ClassName.get(LAYOUT_PACKAGE, "ValueLayout");
    static final String STORE_PACKAGE = "io.livestore.runtime.store";
    static final ClassName MUTATION_SET = ClassName.get(STORE_PACKAGE, "MutationSet");
    static final ClassName MESSAGE_SET = ClassName.get(STORE_PACKAGE, "MessageSet");
    static final ClassName BOUNDED_UTF8 = ClassName.get(LAYOUT_PACKAGE, "BoundedUtf8");
    static final ClassName STORED_ENUMS = ClassName.get(LAYOUT_PACKAGE, "StoredEnums");
    static final ClassName VALUE_BOUNDS = ClassName.get(LAYOUT_PACKAGE, "ValueBounds");
    static final ClassName MUTATOR = ClassName.get(STORE_PACKAGE, "Mutator");
    static final ClassName VALUE_VIEW = ClassName.get(STORE_PACKAGE, "ValueView");
    static final ClassName LIVE_STORE = ClassName.get(STORE_PACKAGE, "LiveStore");
    static final ClassName LIVE_STORE_BUILDER = ClassName.get(STORE_PACKAGE, "LiveStoreBuilder");
    static final ClassName MANAGED_STORE = ClassName.get(STORE_PACKAGE, "ManagedStore");
    static final ClassName ENTRY = ClassName.get(STORE_PACKAGE, "Entry");
    static final ClassName ENTRY_GUARD = ClassName.get(STORE_PACKAGE, "EntryGuard");
    static final ClassName SUBSCRIPTION = ClassName.get(STORE_PACKAGE, "Subscription");
    static final ClassName WATCHED_ENTRY = ClassName.get(STORE_PACKAGE, "WatchedEntry");
    static final ClassName UPDATE_CALLBACK = ClassName.get(STORE_PACKAGE, "UpdateCallback");
    static final ClassName STORE_READER = ClassName.get(STORE_PACKAGE, "StoreReader");
    static final ClassName SLOW_READER = ClassName.get(STORE_PACKAGE, "SlowReader");
    static final TypeName BYTES_STORE = ParameterizedTypeName.get(
            ClassName.get("net.openhft.chronicle.bytes", "BytesStore"),
            WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

    private RuntimeTypes() {
    }
}
