package dev.smsinbox.runtime;

import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.ExtensionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The extension of one kind that the settings chose, with the factory that made it (the shape is
 * {@link ExtensionFactory}'s). The factories are found with {@link ServiceLoader} through the class
 * loader of the kind's factory interface, the application's: it reads the WAR's own {@code
 * META-INF/services} files and those of the libraries Liberty gives the application. Only a JAR in
 * a private library (server.xml's extensionsLib, folder {@code EXTENSIONS_DIR}) is loaded with the
 * application's classes and so can implement its ports; one in a common library is listed but
 * cannot be loaded.
 */
final class Extension<T> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Extension.class.getName());

  private final ExtensionFactory<T> factory;
  private final T instance;
  private final InboxExtensionContext inbox;
  private final Map<String, T> byAccount = new ConcurrentHashMap<>();

  private Extension(ExtensionFactory<T> factory, T instance, InboxExtensionContext inbox) {
    this.factory = factory;
    this.instance = instance;
    this.inbox = inbox;
  }

  /**
   * Finds the factory whose id setting {@code <kind>.<selector>} names (else {@code defaultId}),
   * gives it its settings {@code <kind>.<id>.*} and makes the instance.
   *
   * @param settings the inbox's settings by key ({@link InboxConfig#optional})
   * @throws IllegalStateException when no factory (or more than one) has that id, naming the
   *     setting, its environment variable and the ids there are; or when a setting of the factory's
   *     is wrong (the factory says which)
   */
  static <T> Extension<T> open(
      Class<? extends ExtensionFactory<T>> type,
      String kind,
      String selector,
      String defaultId,
      Function<String, Optional<String>> settings,
      InboxExtensionContext inbox,
      boolean perAccount) {
    String setting = kind + "." + selector;
    String id = settings.apply(setting).orElse(defaultId);
    ExtensionFactory<T> factory = find(type, setting, id);
    try {
      factory.init(new Scope(kind + "." + id + ".", settings));
      // An extension made per account is made on each account's first use (instanceFor).
      T instance = perAccount ? null : factory.create(inbox);
      LOG.info(() -> setting + " '" + id + "' ready (" + factory.getClass().getName() + ")");
      return new Extension<>(factory, instance, inbox);
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  T instance() {
    return instance;
  }

  /**
   * The extension of one CRM account (tenant), made by the factory on the account's first use with
   * a context naming the account, then kept: each account's connector sees only its own data (and,
   * with a remote CRM, its own settings).
   */
  T instanceFor(String accountId) {
    return byAccount.computeIfAbsent(accountId, a -> factory.create(inbox.forAccount(a)));
  }

  /** Closes the instance (when it is AutoCloseable), then its factory; logs what fails. */
  @Override
  public void close() {
    byAccount.values().forEach(Extension::closeInstance);
    closeInstance(instance);
    try {
      factory.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Closing " + factory.getClass().getName() + " failed", e);
    }
  }

  private static void closeInstance(Object instance) {
    if (instance instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Closing " + instance.getClass().getName() + " failed", e);
      }
    }
  }

  /**
   * A new factory of the kind with that id, not yet initialised: for settings other than the
   * deployment's (one CRM account's own).
   *
   * @throws IllegalStateException when no factory, or more than one, has the id
   */
  static <T> ExtensionFactory<T> newFactory(
      Class<? extends ExtensionFactory<T>> type, String kind, String selector, String id) {
    return find(type, kind + "." + selector, id);
  }

  /** The ids of every factory of the kind. */
  static <T> List<String> ids(Class<? extends ExtensionFactory<T>> type) {
    List<String> ids = new ArrayList<>();
    ServiceLoader.load(type, type.getClassLoader()).forEach(f -> ids.add(f.id()));
    return ids.stream().sorted().toList();
  }

  private static <T> ExtensionFactory<T> find(
      Class<? extends ExtensionFactory<T>> type, String setting, String id) {
    List<ExtensionFactory<T>> found = new ArrayList<>();
    try {
      ServiceLoader.load(type, type.getClassLoader()).forEach(found::add);
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new IllegalStateException(
          "A factory listed in META-INF/services/"
              + type.getName()
              + " cannot be loaded ("
              + e
              + "); an extension JAR belongs in EXTENSIONS_DIR (the server's lib/extensions),"
              + " where it sees the application's classes",
          e);
    }
    List<ExtensionFactory<T>> named = found.stream().filter(f -> id.equals(f.id())).toList();
    if (named.size() == 1) {
      return named.get(0);
    }
    String env = InboxConfig.envName(setting);
    if (named.isEmpty()) {
      throw new IllegalStateException(
          "Setting "
              + setting
              + " ("
              + env
              + ") must be one of "
              + found.stream().map(ExtensionFactory::id).sorted().collect(Collectors.joining(", "))
              + ", not '"
              + id
              + "'");
    }
    throw new IllegalStateException(
        "Setting "
            + setting
            + " ("
            + env
            + ") names '"
            + id
            + "', which more than one factory claims: "
            + named.stream().map(f -> f.getClass().getName()).collect(Collectors.joining(", ")));
  }

  /** The settings under one prefix: key {@code lists} reads {@code crm.embedded.lists}. */
  private record Scope(String prefix, Function<String, Optional<String>> settings)
      implements ConfigScope {

    @Override
    public Optional<String> get(String key) {
      return settings.apply(prefix + key);
    }

    @Override
    public String describe(String key) {
      return prefix + key + " (" + InboxConfig.envName(prefix + key) + ")";
    }
  }
}
