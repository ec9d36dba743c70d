package io.pflogstream.cli;

/** A bad flag, value or file: reported as one line on stderr with exit status 1. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
