package dev.smsinbox.runtime.simulator;

import dev.smsinbox.sms.SmsPart;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** A plain jSMPP client standing in for the app: binds, records deliver_sm, submits. */
final class EsmeClient implements AutoCloseable {

  final List<DeliverSm> received = new CopyOnWriteArrayList<>();
  private final SMPPSession session = new SMPPSession();

  /** Decides each deliver_sm_resp: null for ESME_ROK, else the status to answer with. */
  private volatile Function<DeliverSm, Integer> answer = d -> null;

  EsmeClient(int port, BindType bindType) throws IOException {
    session.setMessageReceiverListener(
        new MessageReceiverListener() {
          @Override
          public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            Integer status = answer.apply(deliverSm);
            if (status != null) {
              throw new ProcessRequestException("test refuses", status);
            }
            received.add(deliverSm);
          }

          @Override
          public void onAcceptAlertNotification(AlertNotification alertNotification) {}

          @Override
          public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
            return null;
          }
        });
    session.connectAndBind(
        "127.0.0.1",
        port,
        new BindParameter(
            bindType,
            "tester",
            "secret",
            "",
            TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN,
            null));
  }

  void answerWith(Function<DeliverSm, Integer> answer) {
    this.answer = answer;
  }

  SessionState state() {
    return session.getSessionState();
  }

  List<DeliverSm> receipts() {
    return received.stream().filter(DeliverSm::isSmscDeliveryReceipt).toList();
  }

  List<DeliverSm> texts() {
    return received.stream().filter(d -> !d.isSmscDeliveryReceipt()).toList();
  }

  /** Submits one part as the app would and returns the SMSC's message id. */
  String submit(
      String from, String to, SmsPart part, int registeredDelivery, OptionalParameter... tlvs)
      throws Exception {
    return submit(
        from,
        to,
        part.dataCoding(),
        (byte) (part.udhi() ? 0x40 : 0),
        part.shortMessage(),
        registeredDelivery,
        tlvs);
  }

  String submit(
      String from,
      String to,
      byte dataCoding,
      byte esmClass,
      byte[] shortMessage,
      int registeredDelivery,
      OptionalParameter... tlvs)
      throws Exception {
    return session
        .submitShortMessage(
            "",
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            from,
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            to,
            new ESMClass(esmClass),
            (byte) 0,
            (byte) 0,
            null,
            null,
            new RegisteredDelivery(registeredDelivery),
            (byte) 0,
            new RawDataCoding(dataCoding),
            (byte) 0,
            shortMessage,
            tlvs)
        .getMessageId();
  }

  @Override
  public void close() {
    session.unbindAndClose();
  }
}
