package org.landatlas.demodata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and groups of the 三调 working classes, read from the land-class migration so that the catalogue has
 * one source of truth.
 */
public final class LandClassNames {

    private static final Pattern ROW = Pattern.compile("\\('三调工作分类','([^']+)','([^']+)','[^']*',\\d,[^,]+,'([a-z]+)'");
    private final Map<String, String[]> byCode = new HashMap<>();

    LandClassNames() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/V1__land_class.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = ROW.matcher(sql);
            while (m.find()) {
                byCode.put(m.group(1), new String[] {m.group(2), m.group(3)});
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read the land-class catalogue", e);
        }
    }

    public String name(String code) {
        String[] v = byCode.get(code);
        if (v == null) {
            throw new IllegalArgumentException("unknown 三调 land class " + code);
        }
        return v[0];
    }

    public String group(String code) {
        name(code);
        return byCode.get(code)[1];
    }
}
