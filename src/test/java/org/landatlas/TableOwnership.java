package org.landatlas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which module owns which table, and the check that code of one module names no table of another: every string
 * literal and text block of the main Java sources, and every migration (each assigned to its module), is read
 * for table names after FROM, JOIN, INTO, UPDATE, TABLE, REFERENCES, ON, COPY, TRUNCATE and in strings that are
 * arguments of the calls that take a table or a FROM clause as a plain string
 * ({@code new Projection("Road", "road", ...)}, {@code ScopedRows.lock(jdbc, "homestead", ...)}, {@code "road t"}).
 * Comments are skipped. Cross-module references of history that cannot change (applied migrations) are listed,
 * each with its reason, in the same list; an accepted entry that no longer matches anything is reported too, so
 * the list never holds more than it must.
 * <p>
 * The list (module-tables.txt) has one entry a line: {@code table MODULE TABLE}, {@code migration MODULE FILE},
 * {@code accept SOURCE TABLE | reason}. Tables of the public schema are written without it.
 */
final class TableOwnership {

    record Violation(String source, String module, String table, String owner, String what) {
        @Override
        public String toString() {
            return owner == null ? source + ": " + what
                    : source + " (module " + module + ") names table " + table + ", owned by " + owner + " (" + what + ")";
        }
    }

    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)\\b(FROM|JOIN|INTO|UPDATE|REFERENCES|COPY|TRUNCATE|ON(?:\\s+ONLY)?|(?:TABLE|VIEW|INDEX)(?:\\s+IF(?:\\s+NOT)?\\s+EXISTS)?)\\s+");
    private static final String IDENT = "\"?([A-Za-z_][A-Za-z0-9_]*)\"?(?:\\.\"?([A-Za-z_][A-Za-z0-9_]*)\"?)?";
    private static final Pattern NAME = Pattern.compile(IDENT);
    /** After FROM and TRUNCATE a list may follow: {@code FROM a x, b y}, {@code TRUNCATE a, b}. */
    private static final Pattern NEXT_IN_LIST = Pattern.compile("(?i)(?:\\s+(?:AS\\s+)?(?!WHERE\\b|JOIN\\b|ON\\b)[A-Za-z_]\\w*)?\\s*,\\s*" + IDENT);
    private static final Pattern CREATED = Pattern.compile(
            "(?i)\\bCREATE\\s+(?:UNLOGGED\\s+)?(?:MATERIALIZED\\s+)?(?:TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT);
    private static final Set<String> SCHEMAS = Set.of("public", "personal", "security");

    final Map<String, String> tableOwners = new TreeMap<>();
    final Map<String, String> migrationOwners = new TreeMap<>();
    /** source → table → reason. */
    final Map<String, Map<String, String>> accepted = new TreeMap<>();

    static TableOwnership parse(String list) {
        TableOwnership o = new TableOwnership();
        for (String raw : list.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 3);
            switch (f[0]) {
                case "table" -> o.tableOwners.put(f[2], f[1]);
                case "migration" -> o.migrationOwners.put(f[2], f[1]);
                case "accept" -> {
                    String[] tableAndReason = f[2].split("\\s*\\|\\s*", 2);
                    if (tableAndReason.length < 2 || tableAndReason[1].isBlank()) {
                        throw new IllegalArgumentException("an accepted reference needs its reason: " + line);
                    }
                    o.accepted.computeIfAbsent(f[1], k -> new TreeMap<>()).put(tableAndReason[0], tableAndReason[1]);
                }
                default -> throw new IllegalArgumentException("not an entry of the table list: " + line);
            }
        }
        return o;
    }

    /**
     * Every violation of the rules in the given sources: Java files by their path under src/main/java
     * (org/landatlas/MODULE/...), migrations by their file name.
     */
    List<Violation> check(Map<String, String> javaSources, Map<String, String> migrations) {
        List<Violation> violations = new ArrayList<>();
        Set<String> usedAcceptances = new LinkedHashSet<>();
        Set<String> created = new LinkedHashSet<>();
        javaSources.forEach((path, text) -> {
            String module = javaModule(path);
            for (Literal literal : javaStrings(text)) {
                checkSql(path, module, sqlParts(literal.text()).code(), violations, usedAcceptances);
                checkTableArgument(path, module, literal, violations, usedAcceptances);
            }
        });
        migrations.forEach((file, text) -> {
            SqlParts sql = sqlParts(text);
            Matcher m = CREATED.matcher(sql.code());
            while (m.find()) {
                created.add(table(m.group(1), m.group(2)));
            }
            String module = migrationOwners.get(file);
            if (module == null) {
                violations.add(new Violation(file, null, null, null, "migration not assigned to a module in module-tables.txt"));
                return;
            }
            checkSql(file, module, sql.code(), violations, usedAcceptances);
            for (Literal literal : sql.literals()) {
                checkTableArgument(file, module, literal, violations, usedAcceptances);
            }
        });
        for (String t : created) {
            if (!tableOwners.containsKey(t)) {
                violations.add(new Violation(t, null, null, null, "table created by a migration but assigned to no module in module-tables.txt"));
            }
        }
        if (!migrations.isEmpty()) {
            for (String t : tableOwners.keySet()) {
                if (!created.contains(t)) {
                    violations.add(new Violation(t, null, null, null, "listed in module-tables.txt but created by no migration"));
                }
            }
        }
        accepted.forEach((source, tables) -> tables.keySet().forEach(t -> {
            if (!usedAcceptances.contains(source + " " + t)) {
                violations.add(new Violation(source, null, null, null, "accepted reference to " + t + " no longer occurs; remove it from module-tables.txt"));
            }
        }));
        return violations;
    }

    /**
     * Calls that take a table, or a FROM clause, as a plain string: {@code new Projection(type, table, ...)},
     * {@code ScopedRows.lock(jdbc, table, ...)}, {@code DemoTable.serial/keyed(table, ...)}, the tile builder's
     * {@code polygons/lines/points(from, geometry)} and {@code invalidatedBy(tables...)}, and the migrations'
     * {@code watch_tile_source(table, ...)}.
     */
    static final Set<String> TABLE_ARGUMENT_CALLS = Set.of("Projection", "lock", "serial", "keyed", "polygons", "lines", "points",
            "invalidatedBy", "watch_tile_source");

    /** A literal passed to a call that takes a table or FROM clause is read as one. */
    private void checkTableArgument(String source, String module, Literal literal, List<Violation> violations, Set<String> usedAcceptances) {
        if (TABLE_ARGUMENT_CALLS.contains(literal.callee()) && !literal.text().isEmpty() && Character.isLowerCase(literal.text().charAt(0))) {
            checkSql(source, module, "FROM " + literal.text(), violations, usedAcceptances);
        }
    }

    /** Tables named in SQL code. */
    private void checkSql(String source, String module, String sql, List<Violation> violations, Set<String> usedAcceptances) {
        Set<String> named = new LinkedHashSet<>();
        Matcher k = KEYWORD.matcher(sql);
        while (k.find()) {
            Matcher n = NAME.matcher(sql).region(k.end(), sql.length());
            if (!n.lookingAt()) {
                continue;
            }
            named.add(table(n.group(1), n.group(2)));
            String keyword = k.group(1).toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM") || keyword.equals("TRUNCATE")) {
                int at = n.end();
                Matcher next = NEXT_IN_LIST.matcher(sql).region(at, sql.length());
                while (next.lookingAt()) {
                    named.add(table(next.group(1), next.group(2)));
                    next.region(next.end(), sql.length());
                }
            }
        }
        for (String t : named) {
            String owner = tableOwners.get(t);
            if (owner == null || owner.equals(module)) {
                continue;
            }
            if (accepted.getOrDefault(source, Map.of()).containsKey(t)) {
                usedAcceptances.add(source + " " + t);
                continue;
            }
            violations.add(new Violation(source, module, t, owner, excerpt(sql, t)));
        }
    }

    /** {@code schema.name} or {@code name}, lower case, the public schema left out. */
    private static String table(String first, String second) {
        if (second == null) {
            return first.toLowerCase(Locale.ROOT);
        }
        String schema = first.toLowerCase(Locale.ROOT);
        if (!SCHEMAS.contains(schema)) {
            return schema; // alias.column, or table.column: the part before the dot is what is named
        }
        String name = second.toLowerCase(Locale.ROOT);
        return schema.equals("public") ? name : schema + "." + name;
    }

    private static String excerpt(String sql, String table) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        int at = flat.toLowerCase(Locale.ROOT).indexOf(table.substring(table.indexOf('.') + 1));
        int from = Math.max(0, at - 40);
        return "…" + flat.substring(from, Math.min(flat.length(), at + table.length() + 40)) + "…";
    }

    static String javaModule(String path) {
        String[] parts = path.split("/");
        return parts.length > 3 && parts[0].equals("org") && parts[1].equals("landatlas") ? parts[2] : "application";
    }

    /** A string literal and the name of the call it is an argument of (the innermost unclosed one), or "". */
    record Literal(String text, String callee) {
    }

    /**
     * The contents of every string literal and text block of a Java source, with the call each is an argument of;
     * comments and character literals skipped.
     */
    static List<Literal> javaStrings(String java) {
        List<Literal> out = new ArrayList<>();
        java.util.Deque<String> calls = new java.util.ArrayDeque<>();
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = indexOrEnd(java, "\n", i);
            } else if (java.startsWith("/*", i)) {
                i = indexOrEnd(java, "*/", i + 2) + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                while (end > 0 && java.charAt(end - 1) == '\\') {
                    end = java.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end;
                out.add(new Literal(java.substring(java.indexOf('\n', i) + 1, end), calls.isEmpty() ? "" : calls.peek()));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                StringBuilder s = new StringBuilder();
                int j = i + 1;
                while (j < n && java.charAt(j) != c) {
                    if (java.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    s.append(java.charAt(j));
                    j++;
                }
                if (c == '"') {
                    out.add(new Literal(s.toString(), calls.isEmpty() ? "" : calls.peek()));
                }
                i = j + 1;
            } else {
                if (c == '(') {
                    calls.push(calleeBefore(java, i));
                } else if (c == ')' && !calls.isEmpty()) {
                    calls.pop();
                }
                i++;
            }
        }
        return out;
    }

    /** The identifier just before an opening parenthesis ("" for a bare parenthesis). */
    private static String calleeBefore(String text, int paren) {
        int end = paren;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && (Character.isJavaIdentifierPart(text.charAt(start - 1)))) {
            start--;
        }
        return text.substring(start, end);
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

    record SqlParts(String code, List<Literal> literals) {
    }

    /** SQL without its comments, with its quoted strings blanked in the code and returned apart. */
    static SqlParts sqlParts(String sql) {
        StringBuilder code = new StringBuilder();
        List<Literal> literals = new ArrayList<>();
        java.util.Deque<String> calls = new java.util.ArrayDeque<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("--", i)) {
                i = indexOrEnd(sql, "\n", i);
            } else if (sql.startsWith("/*", i)) {
                i = indexOrEnd(sql, "*/", i + 2) + 2;
            } else if (sql.charAt(i) == '\'') {
                StringBuilder s = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
                        s.append('\'');
                        j += 2;
                    } else if (sql.charAt(j) == '\'') {
                        break;
                    } else {
                        s.append(sql.charAt(j++));
                    }
                }
                literals.add(new Literal(s.toString(), calls.isEmpty() ? "" : calls.peek()));
                code.append("''");
                i = j + 1;
            } else {
                if (sql.charAt(i) == '(') {
                    calls.push(calleeBefore(sql, i));
                } else if (sql.charAt(i) == ')' && !calls.isEmpty()) {
                    calls.pop();
                }
                code.append(sql.charAt(i++));
            }
        }
        return new SqlParts(code.toString(), literals);
    }

    /** Files under a directory with the given suffix, by their path relative to it ('/'-separated). */
    static Map<String, String> read(Path root, String suffix) {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
