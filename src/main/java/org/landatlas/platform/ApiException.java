package org.landatlas.platform;

/**
 * A request the API refuses, with the code front ends switch on and the argument at fault, e.g.
 * {@code new ApiException(BAD_USER_INPUT, "filter.bbox", "minLon 120.5 is greater than maxLon 119.0")}.
 * The message shown to clients is "argument: reason".
 */
public class ApiException extends RuntimeException {

    /** UNAVAILABLE: the database cannot be reached now (restarting, or no free connection); retrying later succeeds. */
    public enum Code { BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, TOO_COMPLEX, UNAVAILABLE, INTERNAL }

    private final Code code;
    private final String argument;

    public ApiException(Code code, String argument, String reason) {
        super(argument == null ? reason : argument + ": " + reason);
        this.code = code;
        this.argument = argument;
    }

    public static ApiException badInput(String argument, String reason) {
        return new ApiException(Code.BAD_USER_INPUT, argument, reason);
    }

    /**
     * An edit made on a version of a record that someone changed meanwhile (optimistic locking): refused, naming the
     * version argument, the version stored and the one edited, so the client reloads rather than overwrites.
     */
    public static ApiException staleVersion(String argument, String record, int stored, int edited) {
        return badInput(argument, record + " was changed meanwhile (version " + stored + ", you edited version " + edited + "); reload and try again");
    }

    public static ApiException notFound(String argument, String reason) {
        return new ApiException(Code.NOT_FOUND, argument, reason);
    }

    public Code code() {
        return code;
    }

    public String argument() {
        return argument;
    }
}
