package dev.smsinbox.adapter.smpp;

import dev.smsinbox.application.port.SmsGateway;
import dev.smsinbox.sms.SmsPart;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.smpp.SmppConstants;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;

/** The outbox's way to the carrier: one exchange on the submit route per part. */
public class CamelSmsGateway implements SmsGateway {

  /** Statuses after which the same submit may well succeed later. */
  private static boolean isTemporary(int status) {
    return status == 0x58 // ESME_RTHROTTLED
        || status == 0x14 // ESME_RMSGQFUL
        || status == 0x08 // ESME_RSYSERR
        || status == 0x64; // ESME_RX_T_APPN
  }

  private final ProducerTemplate producer;
  private final SmppLinkState link;

  public CamelSmsGateway(ProducerTemplate producer, SmppLinkState link) {
    this.producer = producer;
    this.link = link;
  }

  @Override
  public String submit(SmsPart part, String from, String to) throws SubmitRefused, OutcomeUnknown {
    Exchange exchange =
        producer.request(
            SmppRoutes.SUBMIT, e -> e.getIn().setBody(new OutboundSubmit(part, from, to)));
    Exception failure = exchange.getException();
    if (failure == null) {
      return exchange.getMessage().getHeader(SmppConstants.ID, String.class);
    }
    NegativeResponseException negative = cause(failure, NegativeResponseException.class);
    if (negative != null) {
      int status = negative.getCommandStatus();
      throw new SubmitRefused(
          "The carrier refused the message with status 0x" + Integer.toHexString(status),
          isTemporary(status),
          status);
    }
    if (cause(failure, ResponseTimeoutException.class) != null) {
      // jSMPP wrote the submit_sm and gave up waiting (SMPP_TRANSACTION_MS): the SMSC may well
      // have taken it, so this is not a refusal to retry.
      throw new OutcomeUnknown(
          "The carrier did not answer the submit in time (" + failure.getMessage() + ")");
    }
    throw new SubmitRefused(
        "The SMPP link is not available (" + failure.getMessage() + ")", true, null);
  }

  @Override
  public boolean isBound() {
    return link.isBound();
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
