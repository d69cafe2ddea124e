package dev.smsinbox.adapter.smpp;

import org.apache.camel.Exchange;
import org.apache.camel.component.smpp.SmppCommand;
import org.apache.camel.component.smpp.SmppConstants;
import org.apache.camel.component.smpp.SmppException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;

/**
 * Submits one part exactly as our codec built it: data_coding, UDHI and bytes untouched, a delivery
 * receipt requested. One exchange is one submit_sm, so a failure never re-sends parts the SMSC
 * already accepted (camel-smpp's own command re-sends them all).
 */
class SubmitPartCommand implements SmppCommand {

  private static final byte UDHI = 0x40;

  private final SMPPSession session;

  SubmitPartCommand(SMPPSession session) {
    this.session = session;
  }

  @Override
  public void execute(Exchange exchange) throws SmppException {
    OutboundSubmit submit = exchange.getIn().getBody(OutboundSubmit.class);
    try {
      SubmitSmResult result =
          session.submitShortMessage(
              "",
              TypeOfNumber.INTERNATIONAL,
              NumberingPlanIndicator.ISDN,
              address(submit.from()),
              TypeOfNumber.INTERNATIONAL,
              NumberingPlanIndicator.ISDN,
              address(submit.to()),
              new ESMClass(submit.part().udhi() ? UDHI : 0),
              (byte) 0,
              (byte) 1,
              null,
              null,
              new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
              (byte) 0,
              DataCodings.newInstance(submit.part().dataCoding()),
              (byte) 0,
              submit.part().shortMessage());
      exchange.getMessage().setHeader(SmppConstants.ID, result.getMessageId());
    } catch (Exception e) {
      throw new SmppException(e);
    }
  }

  /** SMPP carries international numbers as digits with TON international, without the '+'. */
  private static String address(String e164) {
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }
}
