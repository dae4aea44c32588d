package io.livestore.processor.write;

import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The {@code java.lang} names that a type of the generated code's own package shadows. Generated
 * code names {@code String}, {@code Class}, {@code Override} and others without an import, which
 * in a package that declares its own {@code Class} would mean that one; JavaPoet is told to
 * qualify these names ({@code java.lang.Class}) instead.
 */
final class JavaLangShadows {

    private JavaLangShadows() {
    }

    /**
     * @param elements the compiler's elements
     * @param packageName the package of the generated code, empty for the unnamed package
     * @return the simple names of the package's types that are also names of {@code java.lang}
     *     types, for {@code TypeSpec.Builder.alwaysQualify}
     */
    static String[] in(Elements elements, String packageName) {
        PackageElement p = elements.getPackageElement(packageName);
        if (p == null) {
            return new String[0];
        }
        return p.getEnclosedElements().stream()
                .filter(e -> e instanceof TypeElement)
                .map(Element::getSimpleName)
                .map(Object::toString)
                .filter(name -> elements.getTypeElement("java.lang." + name) != null)
                .sorted()
                .toArray(String[]::new);
    }
}
