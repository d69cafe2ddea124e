package dev.smsinbox.adapter.rest.signin;

/**
 * The host CRM's key set could not be fetched, and the token names a key we do not hold yet: we
 * cannot tell whether it is genuine, so the caller should try again (503), not sign in again.
 */
public final class KeysUnavailable extends Exception {

  public KeysUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
