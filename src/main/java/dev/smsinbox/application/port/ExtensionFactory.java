package dev.smsinbox.application.port;

/**
 * Makes one extension of a kind (a {@link CrmConnector}, a {@link ReplyAssistant}), shaped like a
 * Keycloak SPI: a small factory with an {@link #id()}, its own settings and an explicit lifecycle.
 *
 * <p>Each kind has its factory interface ({@link CrmConnectorFactory}, {@link
 * ReplyAssistantFactory}); factories are found with {@link java.util.ServiceLoader}, so an
 * implementation has a public no-argument constructor and is named in {@code META-INF/services/<the
 * kind's factory interface>}. The runtime picks the one whose id the kind's setting names ({@code
 * crm.connector}, {@code ai.provider}), then calls {@link #init} once with its settings ({@code
 * <kind>.<id>.*}), {@link #create} once, and {@link #close} when the application stops, after
 * closing the instance when that is {@link AutoCloseable}.
 *
 * @param <T> what the factory makes
 */
public interface ExtensionFactory<T> extends AutoCloseable {

  /** The value of the kind's setting that selects this factory, e.g. {@code embedded}. */
  String id();

  /**
   * Reads and checks the factory's settings.
   *
   * @throws IllegalStateException when a setting is missing or wrong, saying which (see {@link
   *     ConfigScope#describe})
   */
  void init(ConfigScope config);

  /**
   * @param inbox what the inbox lends the extension: its clock, its unit of work
   */
  T create(ExtensionContext inbox);

  @Override
  default void close() {}
}
