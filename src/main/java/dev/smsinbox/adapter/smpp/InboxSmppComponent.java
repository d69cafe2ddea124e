package dev.smsinbox.adapter.smpp;

import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.smpp.OwnSessionConsumer;
import org.apache.camel.component.smpp.OwnSessionProducer;
import org.apache.camel.component.smpp.SmppComponent;
import org.apache.camel.component.smpp.SmppComponentConfigurer;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppEndpoint;
import org.apache.camel.component.smpp.SmppEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.jsmpp.bean.DeliverSm;

/**
 * The smpp component whose endpoints bind with {@link AnsweringSessions}: every deliver_sm is
 * answered, even one jSMPP cannot decode.
 */
final class InboxSmppComponent extends SmppComponent {

  private final IntConsumer undecodable;

  /**
   * @param undecodable told of each deliver_sm answered with an error before jSMPP saw it (its
   *     sequence number)
   */
  InboxSmppComponent(IntConsumer undecodable) {
    this.undecodable = undecodable;
  }

  /**
   * camel-smpp's own configurers: Camel finds them by the component's class, which is ours, so it
   * would find none and leave every URI option unset.
   */
  @Override
  public PropertyConfigurer getEndpointPropertyConfigurer() {
    return new SmppEndpointConfigurer();
  }

  @Override
  public PropertyConfigurer getComponentPropertyConfigurer() {
    return new SmppComponentConfigurer();
  }

  @Override
  public Endpoint createEndpoint(String uri) throws Exception {
    return answering(uri, super.createEndpoint(uri));
  }

  @Override
  public Endpoint createEndpoint(String uri, Map<String, Object> properties) throws Exception {
    return answering(uri, super.createEndpoint(uri, properties));
  }

  /** camel-smpp's endpoint as it configured it from the URI, with our sessions. */
  private Endpoint answering(String uri, Endpoint configured) {
    // Exactly camel-smpp's class: not one of ours already (one createEndpoint may call the other).
    if (configured == null || configured.getClass() != SmppEndpoint.class) {
      return configured;
    }
    SmppEndpoint smpp = (SmppEndpoint) configured;
    SmppConfiguration configuration = smpp.getConfiguration();
    return new SmppEndpoint(uri, this, configuration) {
      @Override
      public Producer createProducer() {
        return new OwnSessionProducer(
            this,
            getConfiguration(),
            () -> AnsweringSessions.create(getConfiguration(), undecodable));
      }

      @Override
      public Exchange createOnAcceptDeliverSmExchange(ExchangePattern pattern, DeliverSm deliverSm)
          throws Exception {
        Exchange exchange = super.createOnAcceptDeliverSmExchange(pattern, deliverSm);
        // This endpoint's sessions hold a deliver_sm's answer until its commit.
        exchange.setProperty(AnswersAfterCommit.EXCHANGE_PROPERTY, true);
        return exchange;
      }

      @Override
      public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer =
            new OwnSessionConsumer(
                this,
                getConfiguration(),
                processor,
                () -> AnsweringSessions.create(getConfiguration(), undecodable));
        configureConsumer(consumer);
        return consumer;
      }
    };
  }
}
