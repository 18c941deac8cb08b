package org.landatlas.circulation;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and the capitals without I, O, Z, S, V; the last is a check
 * character, 31 minus the weighted sum of the first 17 modulo 31 (31 → 0), weights 3^i mod 31.
 */
final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Null when valid, else why not (naming the expected check character when only that is wrong). */
    static String problem(String code) {
        if (code == null || code.length() != 18) {
            return "a unified social credit code (统一社会信用代码) has 18 characters" + (code == null ? "" : ", this one " + code.length());
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " '" + code.charAt(i) + "' is not allowed (0-9 and A-Y without I, O, S, V, Z; GB 32100-2015)";
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return "check character is '" + code.charAt(17) + "', expected '" + expected + "' for " + code.substring(0, 17) + " (GB 32100-2015)";
        }
        return null;
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }
}
