package dev.smsinbox.runtime;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.component.properties.DefaultPropertiesFunctionResolver;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spi.PropertiesSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The only settings {@code {{placeholders}}} in integrators' route files can read: keys under
 * {@code routes.} and the few the shipped routes and examples document. The server's own settings
 * (the SMSC password, the AI key, the database, sign-in keys) share MicroProfile Config with them,
 * and a route file is written by whoever may drop a file in the folder, not by whoever holds those
 * secrets; so any other key is "not found" and the file is reported as broken. Camel's own ways
 * around a source are closed too: no system property or environment variable lookups by key, no
 * {@code env:} / {@code sys:} / {@code service:} functions.
 */
final class RouteSettings implements PropertiesSource {

  /** Prefixes a route file may read; camel-routes/README.md lists them. */
  static final List<String> PREFIXES =
      List.of(
          "routes.", // anything an integrator adds: {{routes.my.webhook.url}}, env ROUTES_MY_...
          "automation.enrolled.", // the shipped automation-enrolled route
          "webhook.", // examples/webhook
          "notify.", // the README's notify example
          "afterhours.", // examples/after-hours-notify
          "autoreply."); // examples/keyword-auto-reply

  private static final List<String> CLOSED_FUNCTIONS =
      List.of("env", "sys", "service", "service.host", "service.port");

  private final Function<String, Optional<String>> config;

  RouteSettings(Function<String, Optional<String>> config) {
    this.config = config;
  }

  /** Reads MicroProfile Config: a system property, env variable, server.xml variable... */
  static RouteSettings ofMicroProfileConfig() {
    return new RouteSettings(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
  }

  static boolean isRouteSetting(String key) {
    return PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** Makes this the properties component's only source of values. */
  void applyTo(PropertiesComponent properties) {
    properties.setAutoDiscoverPropertiesSources(false);
    properties.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
    properties.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
    properties.setPropertiesFunctionResolver(
        new DefaultPropertiesFunctionResolver() {
          @Override
          protected void doInit() throws Exception {
            super.doInit();
            getFunctions().keySet().removeAll(CLOSED_FUNCTIONS);
          }

          @Override
          public PropertiesFunction resolvePropertiesFunction(String name) {
            return CLOSED_FUNCTIONS.contains(name) ? null : super.resolvePropertiesFunction(name);
          }

          @Override
          public boolean hasFunction(String name) {
            return !CLOSED_FUNCTIONS.contains(name) && super.hasFunction(name);
          }
        });
    properties.addPropertiesSource(this);
  }

  @Override
  public String getName() {
    return "route-settings";
  }

  @Override
  public String getProperty(String name) {
    return isRouteSetting(name) ? config.apply(name).orElse(null) : null;
  }
}
