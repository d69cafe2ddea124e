package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every deliver_sm is answered, even one whose octets cannot be decoded (issue 24): the carrier's
 * SMSC here is a socket this test owns, which speaks just enough SMPP to take the inbox's bind and
 * then writes PDUs octet by octet as it pleases.
 */
class UndecodablePduIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  private static final int GENERIC_NACK = 0x80000000;
  private static final int BIND_TRANSCEIVER = 0x00000009;
  private static final int BIND_TRANSMITTER = 0x00000002;
  private static final int BIND_RECEIVER = 0x00000001;
  private static final int DELIVER_SM = 0x00000005;
  private static final int DELIVER_SM_RESP = 0x80000005;
  private static final int ENQUIRE_LINK = 0x00000015;
  private static final int UNBIND = 0x00000006;
  private static final int ESME_RINVMSGLEN = 0x00000001;
  private static final int ESME_RINVCMDLEN = 0x00000002;

  record Pdu(int commandId, int status, int sequence, byte[] body) {}

  @Test
  void aDeliverSmThatCannotBeDecodedIsAnsweredAndTheSessionStaysBound() throws Exception {
    String customer = FreshNumbers.us();
    String text = "After two broken PDUs " + System.nanoTime();
    double undecodableBefore = LinkIT.metric("smpp_pdus_undecodable_total");
    // The carrier's usual SMSC goes away; this test's socket takes its port.
    Carrier.outage();
    try (ServerSocket smsc = listen()) {
      smsc.setSoTimeout((int) Duration.ofSeconds(90).toMillis());
      try (Socket link = smsc.accept()) {
        DataInputStream in = new DataInputStream(link.getInputStream());
        DataOutputStream out = new DataOutputStream(link.getOutputStream());
        Pdu bind = read(in);
        assertThat(bind.commandId()).isIn(BIND_TRANSCEIVER, BIND_TRANSMITTER, BIND_RECEIVER);
        write(out, 0x80000000 | bind.commandId(), 0, bind.sequence(), cString("RAWSMSC"));
        BlockingQueue<Pdu> answers = answersOf(in, out);

        // sm_length 100, but 10 octets follow.
        write(out, DELIVER_SM, 0, 101, deliverSm(customer, 100, "Ten octets"));
        Pdu first = next(answers);
        // sm_length 3, but 10 octets follow: 7 that are no TLV.
        write(out, DELIVER_SM, 0, 102, deliverSm(customer, 3, "Ten octets"));
        Pdu second = next(answers);
        byte[] good = text.getBytes(StandardCharsets.US_ASCII);
        write(out, DELIVER_SM, 0, 103, deliverSm(customer, good.length, text));
        Pdu third = next(answers);

        assertThat(first.sequence()).isEqualTo(101);
        assertThat(first.commandId()).isEqualTo(GENERIC_NACK);
        assertThat(first.status()).isIn(ESME_RINVMSGLEN, ESME_RINVCMDLEN);
        assertThat(second.sequence()).isEqualTo(102);
        assertThat(second.commandId()).isEqualTo(GENERIC_NACK);
        assertThat(second.status()).isIn(ESME_RINVMSGLEN, ESME_RINVCMDLEN);
        // The same session, still bound, takes the next SMS and stores it.
        assertThat(third.sequence()).isEqualTo(103);
        assertThat(third.commandId()).isEqualTo(DELIVER_SM_RESP);
        assertThat(third.status()).isZero();
        long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
        var messages =
            inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages");
        assertThat(messages.size()).isEqualTo(1);
        assertThat(messages.get(0).get("text").asText()).isEqualTo(text);
        assertThat(answers).noneMatch(p -> p.commandId() == UNBIND);
        assertThat(link.isClosed()).isFalse();
        assertThat(LinkIT.metric("smpp_pdus_undecodable_total"))
            .isGreaterThanOrEqualTo(undecodableBefore + 2);
      }
    }
    // The next test's InboxExtension starts the usual SMSC again and waits for the rebind.
  }

  /** A socket on the carrier's port; the simulator's listener may take a moment to let go. */
  private static ServerSocket listen() {
    InetSocketAddress port =
        new InetSocketAddress("127.0.0.1", Integer.getInteger("it.smpp.port", 2775));
    return await("the carrier's port is free")
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              ServerSocket socket = new ServerSocket();
              socket.setReuseAddress(true);
              socket.bind(port); // closes the socket when it fails
              return socket;
            },
            ServerSocket::isBound);
  }

  /** The inbox's answers, in order; enquire_link is answered on the way. */
  private static BlockingQueue<Pdu> answersOf(DataInputStream in, DataOutputStream out) {
    BlockingQueue<Pdu> answers = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                while (true) {
                  Pdu pdu = read(in);
                  if (pdu.commandId() == ENQUIRE_LINK) {
                    write(out, 0x80000000 | ENQUIRE_LINK, 0, pdu.sequence(), new byte[0]);
                  } else if ((pdu.commandId() & 0x80000000) != 0 || pdu.commandId() == UNBIND) {
                    answers.add(
                        pdu); // answers (and an unbind); requests such as submit_sm are not ours
                  }
                }
              } catch (IOException closed) {
                // the test closed the socket
              }
            },
            "raw-smsc-reader");
    reader.setDaemon(true);
    reader.start();
    return answers;
  }

  private static Pdu next(BlockingQueue<Pdu> answers) throws InterruptedException {
    // Well within a carrier's response timer (commonly 30 s or more).
    Pdu answer = answers.poll(10, TimeUnit.SECONDS);
    assertThat(answer).as("the inbox answered within 10 s").isNotNull();
    return answer;
  }

  private static Pdu read(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (SocketTimeoutException e) {
      throw new IOException(e);
    }
    int id = in.readInt();
    int status = in.readInt();
    int sequence = in.readInt();
    byte[] body = new byte[length - 16];
    in.readFully(body);
    return new Pdu(id, status, sequence, body);
  }

  private static synchronized void write(
      DataOutputStream out, int commandId, int status, int sequence, byte[] body)
      throws IOException {
    out.writeInt(16 + body.length);
    out.writeInt(commandId);
    out.writeInt(status);
    out.writeInt(sequence);
    out.write(body);
    out.flush();
  }

  /** A deliver_sm's body to our number whose sm_length is the one given, whatever follows. */
  private static byte[] deliverSm(String customer, int smLength, String shortMessage)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(cString("")); // service_type
    body.write(new byte[] {1, 1}); // international, ISDN
    body.write(cString(customer.substring(1)));
    body.write(new byte[] {1, 1});
    body.write(cString(inbox.ourNumber().substring(1)));
    body.write(new byte[] {0, 0, 0}); // esm_class, protocol_id, priority_flag
    body.write(cString("")); // schedule_delivery_time
    body.write(cString("")); // validity_period
    body.write(new byte[] {0, 0, 0, 0}); // registered_delivery, replace, data_coding, default id
    body.write(smLength);
    body.write(shortMessage.getBytes(StandardCharsets.US_ASCII));
    return body.toByteArray();
  }

  private static byte[] cString(String value) {
    byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
    byte[] terminated = new byte[ascii.length + 1];
    System.arraycopy(ascii, 0, terminated, 0, ascii.length);
    return terminated;
  }
}
