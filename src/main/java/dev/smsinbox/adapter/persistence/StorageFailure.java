package dev.smsinbox.adapter.persistence;

/** The database could not do what was asked; nothing of the unit of work was kept. */
public class StorageFailure extends RuntimeException {
  public StorageFailure(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
