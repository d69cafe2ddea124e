package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.integrations.RouteFiles;
import dev.smsinbox.application.port.IntegratorRoutes.RouteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route files read their own settings, never the server's secrets. */
class RouteSettingsTest {

  @TempDir Path folder;

  static final Map<String, String> SERVER_CONFIG =
      Map.of(
          "smpp.password", "s3cret",
          "ai.openai.api-key", "sk-secret",
          "routes.greeting", "hello",
          "webhook.url", "direct:hook");

  void route(String file, String id, String constant) throws Exception {
    Files.writeString(
        folder.resolve(file),
        """
        - route:
            id: %s
            from:
              uri: "direct:%s"
              steps:
                - setBody:
                    constant: "%s"
        """
            .formatted(id, id, constant));
  }

  @Test
  void aRouteReadingTheSmppPasswordIsNotLoadedAndSaysWhy() throws Exception {
    route("reads-own.camel.yaml", "own", "{{routes.greeting}} {{webhook.url}}");
    route("reads-secret.camel.yaml", "secret", "{{smpp.password}}");
    route("reads-ai-key.camel.yaml", "aikey", "{{ai.openai.api-key}}");
    route("reads-env.camel.yaml", "env", "{{env:PATH}}|{{sys:java.home}}");
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      new RouteSettings(key -> Optional.ofNullable(SERVER_CONFIG.get(key)))
          .applyTo((PropertiesComponent) context.getPropertiesComponent());
      context.start();
      RouteFiles files = new RouteFiles();
      files.load(context, folder.toString());

      RouteFile secret = file(files, "reads-secret.camel.yaml");
      assertThat(secret.routeIds()).isEmpty();
      assertThat(secret.error()).contains("smpp.password").contains("never the server's");
      assertThat(file(files, "reads-ai-key.camel.yaml").error()).contains("ai.openai.api-key");
      assertThat(file(files, "reads-own.camel.yaml").error()).isNull();
      assertThat(context.createProducerTemplate().requestBody("direct:own", "", String.class))
          .isEqualTo("hello direct:hook");
      // Camel's env: and sys: functions are closed: nothing of the process shows through.
      RouteFile env = file(files, "reads-env.camel.yaml");
      if (env.error() == null) {
        String body = context.createProducerTemplate().requestBody("direct:env", "", String.class);
        assertThat(body)
            .doesNotContain(System.getenv("PATH"))
            .doesNotContain(System.getProperty("java.home"));
      }
      assertThat(context.createProducerTemplate().requestBody("direct:own", "", String.class))
          .doesNotContain("s3cret");
    }
  }

  static RouteFile file(RouteFiles files, String name) {
    return files.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
