package org.landatlas.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Relay paging arguments turned into offset and limit. Cursors are opaque (base64 of a position), so the
 * encoding may change without breaking clients that treat them as opaque.
 */
public record PageRequest(int offset, int limit, boolean backward) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    public static PageRequest of(Integer first, String after, Integer last, String before) {
        if (first != null && last != null) {
            throw ApiException.badInput("first", "use either first/after or last/before, not both");
        }
        if (last != null || before != null) {
            int size = size("last", last);
            int end = before == null ? -1 : decode("before", before);
            if (end < 0) {
                throw ApiException.badInput("before", "paging backwards needs a 'before' cursor");
            }
            int start = Math.max(0, end - size);
            return new PageRequest(start, end - start, true);
        }
        int size = size("first", first);
        int start = after == null ? 0 : decode("after", after) + 1;
        return new PageRequest(start, size, false);
    }

    private static int size(String argument, Integer n) {
        if (n == null) {
            return DEFAULT_SIZE;
        }
        if (n < 0) {
            throw ApiException.badInput(argument, "must not be negative, got " + n);
        }
        if (n > MAX_SIZE) {
            throw ApiException.badInput(argument, "page size " + n + " is above the maximum of " + MAX_SIZE);
        }
        return n;
    }

    public static String cursor(int position) {
        return Base64.getEncoder().encodeToString(("o:" + position).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decode(String argument, String cursor) {
        try {
            String s = new String(Base64.getDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!s.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int p = Integer.parseInt(s.substring(2));
            if (p < 0) {
                throw new IllegalArgumentException();
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput(argument, "'" + cursor + "' is not a cursor of this connection");
        }
    }
}
