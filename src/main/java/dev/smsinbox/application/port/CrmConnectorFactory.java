package dev.smsinbox.application.port;

/**
 * Makes one kind of {@link CrmConnector}, chosen by {@link #id()} in {@code crm.connector}. The
 * runtime calls {@link #init} once with the factory's own settings ({@code crm.<id>.*}), then
 * {@link #create} once, and {@link #close} when the application stops.
 */
public interface CrmConnectorFactory extends AutoCloseable {

  /** The value of {@code crm.connector} that selects this factory, e.g. {@code embedded}. */
  String id();

  /**
   * Reads and checks the factory's settings.
   *
   * @throws IllegalStateException when a setting is missing or wrong, saying which
   */
  void init(ConfigScope config);

  CrmConnector create();

  @Override
  default void close() {}
}
