package dev.smsinbox.adapter.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.smpp.SmppEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Our smpp component builds its own sessions, and still takes every option camel-smpp takes. */
class InboxSmppComponentTest {

  @Test
  void theEndpointKeepsEveryUriOption() throws Exception {
    try (DefaultCamelContext context = new DefaultCamelContext()) {
      context.addComponent("smpp", new InboxSmppComponent(sequence -> {}));
      SmppEndpoint endpoint =
          context.getEndpoint(
              "smpp://me@127.0.0.1:2775?password=RAW(secret)&enquireLinkTimer=1234"
                  + "&messageReceiverRouteId=inbound&pduProcessorDegree=7",
              SmppEndpoint.class);
      var configuration = endpoint.getConfiguration();
      assertThat(configuration.getSystemId()).isEqualTo("me");
      assertThat(configuration.getPassword()).isEqualTo("secret");
      assertThat(configuration.getEnquireLinkTimer()).isEqualTo(1234);
      assertThat(configuration.getMessageReceiverRouteId()).isEqualTo("inbound");
      assertThat(configuration.getPduProcessorDegree()).isEqualTo(7);
      assertThat(endpoint.createProducer().getClass().getSimpleName())
          .isEqualTo("OwnSessionProducer");
    }
  }
}
