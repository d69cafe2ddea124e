package dev.smsinbox.adapter.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.application.port.IntegratorRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFilesTest {

  @TempDir Path folder;

  @Test
  void aBrokenFileIsReportedWithItsLineAndTheOthersRunBesideTheCore() throws Exception {
    Files.writeString(
        folder.resolve("good.camel.yaml"),
        """
        - route:
            id: good
            from:
              uri: "direct:sms.received.good"
              steps:
                - setBody:
                    constant: "seen"
        """);
    Files.writeString(
        folder.resolve("broken.camel.yaml"),
        """
        - route:
            id: broken
            from:
              uri: "direct:broken"
              steps:
                - notAStep:
                    message: "never"
        """);
    Files.writeString(
        folder.resolve("also-good.camel.xml"),
        """
        <routes xmlns="http://camel.apache.org/schema/xml-io">
          <route id="xml"><from uri="direct:xml"/><setBody><constant>xml</constant></setBody></route>
        </routes>
        """);
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      context.getRouteController().supervising().setInitialDelay(0);
      context.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              from("direct:core").routeId("core").setBody(constant("core"));
            }
          });
      context.start();
      RouteFiles files = new RouteFiles();
      files.load(context, folder.toString());

      assertThat(files.brokenCount()).isEqualTo(1);
      IntegratorRoutes.RouteFile broken =
          files.files().stream()
              .filter(IntegratorRoutes.RouteFile::broken)
              .findFirst()
              .orElseThrow();
      assertThat(broken.name()).isEqualTo("broken.camel.yaml");
      assertThat(broken.line()).isEqualTo(6);
      assertThat(broken.error()).contains("notAStep");
      for (String id : new String[] {"core", "good", "xml"}) {
        assertThat(context.getRouteController().getRouteStatus(id))
            .as(id)
            .isEqualTo(ServiceStatus.Started);
      }
      var template = context.createProducerTemplate();
      assertThat(template.requestBody("direct:sms.received.good", "x", String.class))
          .isEqualTo("seen");
      assertThat(template.requestBody("direct:xml", "x", String.class)).isEqualTo("xml");
    }
  }
}
