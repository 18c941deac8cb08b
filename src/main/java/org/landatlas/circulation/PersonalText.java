package org.landatlas.circulation;

import java.util.regex.Pattern;

import org.landatlas.platform.ApiException;

/**
 * Free texts of records the public reads (listings) must not carry a farmer's phone or ID number: the contact is
 * an office, and personal data lives only in schema personal. Digits are read with spaces and dashes between
 * them removed, so "138 1234 5678" is caught too.
 */
final class PersonalText {

    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9Xx])");
    private static final Pattern SEPARATORS = Pattern.compile("(?<=[0-9])[\\s\\-–—]+(?=[0-9Xx])");

    private PersonalText() {
    }

    /** The text, stripped; refused naming {@code field} when it holds a mobile-phone number or an ID number, or is longer than {@code max}. */
    static String check(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() > max) {
            throw ApiException.badInput(field, "at most " + max + " characters, got " + s.length());
        }
        String digits = SEPARATORS.matcher(s).replaceAll("");
        if (MOBILE.matcher(digits).find()) {
            throw ApiException.badInput(field, "contains what looks like a mobile-phone number; listings give a contact office (乡镇服务站), never a person's phone");
        }
        if (ID_NUMBER.matcher(digits).find()) {
            throw ApiException.badInput(field, "contains what looks like an ID-card number (身份证号); personal data never goes into a listing");
        }
        return s;
    }
}
