package org.landatlas.platform;

/** The configured database cannot be used; carries the URL (never the password) and the reason. */
public class DatabaseUnavailableException extends RuntimeException {

    private final String url;
    private final String reason;

    public DatabaseUnavailableException(String url, String reason, Throwable cause) {
        super("Database " + url + ": " + reason, cause);
        this.url = url;
        this.reason = reason;
    }

    public String url() {
        return url;
    }

    public String reason() {
        return reason;
    }
}
