package org.landatlas.demodata;

import java.util.List;

import org.landatlas.LandAtlasApplication;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The demo generator with every demo-data part of the application, found the way the application finds them
 * (component scan, {@code @Order}), but without the rest of it: no database, no web server.
 */
public final class TestDemoGenerator {

    @Configuration
    @ComponentScan(basePackageClasses = LandAtlasApplication.class, useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DemoDataPart.class))
    static class OnlyDemoData {
    }

    private static List<DemoDataPart> parts;
    private static DemoGenerator generator;

    private TestDemoGenerator() {
    }

    /** Every demo-data part, in load order. */
    public static synchronized List<DemoDataPart> parts() {
        if (parts == null) {
            try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(OnlyDemoData.class)) {
                parts = List.copyOf(context.getBeanProvider(DemoDataPart.class).orderedStream().toList());
            }
        }
        return parts;
    }

    public static synchronized DemoGenerator get() {
        if (generator == null) {
            generator = new DemoGenerator(parts());
        }
        return generator;
    }
}
