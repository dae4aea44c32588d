package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;

/** The names of generated classes and members, derived from the user's. */
public final class Names {

    /** The processor's class name, as generated code's {@code @Generated} names it. */
    public static final String PROCESSOR = "io.livestore.processor.LiveStoreProcessor";

    private Names() {
    }

    /**
     * The simple names of a class and its enclosing classes joined by {@code _}: {@code Player}
     * for a top-level {@code Player}, {@code Game_Player} for {@code Game.Player}.
     *
     * @param type a class
     * @return its flattened simple name
     */
    public static String flatName(ClassName type) {
        return String.join("_", type.simpleNames());
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return the name of its generated layout class
     */
    public static ClassName layoutName(ClassName value) {
        return ClassName.get(value.packageName(), flatName(value) + "Layout");
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return the name of its generated mutations class
     */
    public static ClassName mutationsName(ClassName value) {
        return ClassName.get(value.packageName(), flatName(value) + "Mutations");
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return the name of its generated messages class
     */
    public static ClassName messagesName(ClassName value) {
        return ClassName.get(value.packageName(), flatName(value) + "Messages");
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return the name of its generated store class
     */
    public static ClassName storeName(ClassName value) {
        return ClassName.get(value.packageName(), flatName(value) + "Store");
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return the name of its generated view class
     */
    public static ClassName viewName(ClassName value) {
        return ClassName.get(value.packageName(), flatName(value) + "View");
    }

    /**
     * {@code SetBar} to {@code setBar}; {@code URLChange} to {@code urlChange}.
     *
     * @param simpleName a class's simple name
     * @return the name of a method derived from it
     */
    public static String lowerCamel(String simpleName) {
        int upper = 0;
        while (upper < simpleName.length() && Character.isUpperCase(simpleName.charAt(upper))) {
            upper++;
        }
        if (upper == 0) {
            return simpleName;
        }
        // "URLChange": lower the acronym but keep the capital that starts the next word.
        int end = upper == simpleName.length() || upper == 1 ? upper : upper - 1;
        return simpleName.substring(0, end).toLowerCase(java.util.Locale.ROOT) + simpleName.substring(end);
    }

    /**
     * {@code maxHp} to {@code MAX_HP}; {@code Game_SetHp} to {@code GAME_SET_HP}.
     *
     * @param name a Java identifier
     * @return the name in UPPER_SNAKE_CASE
     */
    public static String upperSnake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                    || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                    && Character.isUpperCase(name.charAt(i - 1))));
            if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }
}
