package dev.vprompt.engine.model;

/** A model configuration or option that cannot work: bad sizes, an unknown device, a precision the device lacks. */
public class ModelConfigException extends IllegalArgumentException {

    public ModelConfigException(String message) {
        super(message);
    }

    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
