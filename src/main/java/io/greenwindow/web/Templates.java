package io.greenwindow.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The pages' one template engine: JTE templates from {@code src/main/jte}, compiled to Java classes at build time
 * (jte-maven-plugin) and loaded from the jar, so nothing is compiled at run time and no JDK is needed. Templates
 * are HTML: every {@code ${value}} is escaped for where it stands (text, attribute), which makes this the pages'
 * only HTML escaper.
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), Templates.class.getPackageName());

    private Templates() {
    }

    /** Renders {@code template} (a file name under src/main/jte) with its one {@code @param}. */
    static String render(String template, Object view) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, view, out);
        return out.toString();
    }
}
