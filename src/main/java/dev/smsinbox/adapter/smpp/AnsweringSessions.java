package dev.smsinbox.adapter.smpp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntConsumer;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppConnectionFactory;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.util.DefaultComposer;

/**
 * jSMPP sessions as camel-smpp makes them (its PDU sender, its connection factory), except for the
 * PDU reader: {@link AnsweringPduReader}, which answers a deliver_sm that jSMPP cannot decode
 * instead of letting jSMPP's processing thread die on it with the carrier left waiting. The reader
 * answers over the session's own connection and PDU sender, which serialises every write to it and
 * holds a deliver_sm's answer until its SMS is committed ({@link AnswersAfterCommit}).
 */
final class AnsweringSessions {

  private AnsweringSessions() {}

  static SMPPSession create(SmppConfiguration configuration, IntConsumer undecodable) {
    PDUSender sender = AnswersAfterCommit.sender(new DefaultPDUSender(new DefaultComposer()));
    AnsweringPduReader reader = new AnsweringPduReader(sender, undecodable);
    ConnectionFactory camels = SmppConnectionFactory.getInstance(configuration);
    ConnectionFactory connections =
        (host, port) -> {
          Connection connection = camels.createConnection(host, port);
          reader.answerOn(connection::getOutputStream);
          return connection;
        };
    return new SMPPSession(sender, reader, connections);
  }

  /** Where the reader writes its answers: the session's connection, once it exists. */
  interface Wire {
    OutputStream out() throws IOException;
  }
}
