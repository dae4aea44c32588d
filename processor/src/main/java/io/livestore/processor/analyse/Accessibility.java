package io.livestore.processor.analyse;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Whether generated code in a package can name a type. */
public final class Accessibility {

    private Accessibility() {
    }

    /**
     * @param type a type
     * @return whether it is local or anonymous: no code outside its method can name it
     */
    public static boolean isLocal(TypeElement type) {
        return type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS;
    }

    /**
     * @param type a type
     * @return its canonical name, or its simple name if it has none (a local type)
     */
    public static String displayName(TypeElement type) {
        return isLocal(type) ? type.getSimpleName().toString() : type.getQualifiedName().toString();
    }

    /**
     * A problem that keeps generated code away from a type.
     *
     * @param type the type, or the enclosing type that is the obstacle
     * @param why what is wrong, such as "private" or "package-private in com.example"
     */
    public record Obstacle(TypeElement type, String why) {
    }

    /**
     * @param type the type generated code must name
     * @param from the package of the generated code
     * @param elements the compiler's elements
     * @return the first obstacle, from the type outwards, or empty if the type is reachable
     */
    public static Optional<Obstacle> obstacle(TypeElement type, PackageElement from, Elements elements) {
        boolean samePackage = elements.getPackageOf(type).equals(from);
        Element e = type;
        while (e instanceof TypeElement t) {
            if (isLocal(t)) {
                return Optional.of(new Obstacle(t, "declared inside a method"));
            }
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of(new Obstacle(t, "private"));
            }
            if (!samePackage && !t.getModifiers().contains(Modifier.PUBLIC)) {
                String kind = t.getModifiers().contains(Modifier.PROTECTED) ? "protected" : "package-private";
                return Optional.of(new Obstacle(t, kind + " in " + elements.getPackageOf(t).getQualifiedName()));
            }
            e = t.getEnclosingElement();
        }
        return Optional.empty();
    }
}
