package dev.tailguard.core.trigger;

/** A notification body that is not a recognised object-storage notification; the message names the field. */
public class NotificationFormatException extends IllegalArgumentException {

    public NotificationFormatException(String message) {
        super(message);
    }

    public NotificationFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
