package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing the carrier is told is ours gets thrown away (issues 18 and 24): an SMS to any number of
 * ours is kept, and its STOP counts; a number not ours is refused for good; a concatenated SMS that
 * never completes is filed whoever sent it; what the schema cannot hold is refused, not retried for
 * ever; octets that are no text are kept as they came; a sender ID's conversation cannot be
 * answered.
 */
class NothingLostIT {

  static final InboxClient admin = InboxClient.admin();
  static final InboxClient crm = InboxClient.crm();
  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static String ourNumber;

  @BeforeAll
  static void carrierAndNumber() {
    ourNumber = inbox.ourNumber();
  }

  @Test
  void aStopToACampaignNumberThatIsNotTwoWayBlocksTheNextCrmSend() {
    String campaigns = FreshNumbers.us();
    var saved =
        admin.post(
            "/api/numbers",
            Map.of("number", campaigns, "country", "US", "dedicated", false, "registered", true));
    assertThat(saved.json().get("twoWay").asBoolean()).isFalse();
    String customer = FreshNumbers.us();
    assertThat(campaign(customer, campaigns, "Black Friday: 30% off").status()).isEqualTo(202);

    assertThat(inbox.smsc().deliver(customer, campaigns, "STOP")).isZero();

    // Kept where an admin sees it, newest first, marked with what it did.
    JsonNode kept =
        await("the STOP is kept among the unrouted SMS")
            .atMost(Duration.ofSeconds(20))
            .until(() -> unrouted(customer), Objects::nonNull);
    assertThat(kept.get("to").asText()).isEqualTo(campaigns);
    assertThat(kept.get("text").asText()).isEqualTo("STOP");
    assertThat(kept.get("keywordEvent").asText()).isEqualTo("OPT_OUT");
    assertThat(kept.get("reason").asText()).contains("shared");
    assertThat(InboxClient.agent().get("/api/inbox/unrouted").status()).isEqualTo(403);

    // The next campaign to them is refused, from that number and from any other of ours.
    var refused = campaign(customer, campaigns, "Cyber Monday: 40% off");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).contains("replied STOP");
    assertThat(campaign(customer, ourNumber, "Cyber Monday: 40% off").status()).isEqualTo(409);
  }

  @Test
  void theUnroutedListPagesNewestFirst() {
    String campaigns = FreshNumbers.us();
    admin.post(
        "/api/numbers",
        Map.of("number", campaigns, "country", "US", "dedicated", true, "registered", false));
    String customer = FreshNumbers.us();
    for (String text : List.of("one", "two", "three")) {
      assertThat(inbox.smsc().deliver(customer, campaigns, text)).isZero();
    }
    await("all three are kept")
        .atMost(Duration.ofSeconds(20))
        .until(() -> texts(admin.get("/api/inbox/unrouted?limit=3").json()).contains("one"));

    JsonNode first = admin.get("/api/inbox/unrouted?limit=2").json();
    assertThat(texts(first)).containsExactly("three", "two");
    JsonNode next =
        admin.get("/api/inbox/unrouted?limit=2&cursor=" + first.get("nextCursor").asText()).json();
    assertThat(texts(next).get(0)).isEqualTo("one");
    assertThat(admin.get("/api/inbox/unrouted?limit=0").status()).isEqualTo(400);
  }

  @Test
  void anSmsToANumberThatIsNotOursIsRefusedForGoodAndNothingIsStored() {
    String customer = FreshNumbers.us();
    double before = LinkIT.metric("sms_refused_not_our_number");

    assertThat(inbox.smsc().deliver(customer, FreshNumbers.us(), "Hello?")).isEqualTo(0x0B);

    assertThat(LinkIT.metric("sms_refused_not_our_number")).isGreaterThan(before);
    assertThat(unrouted(customer)).isNull();
    assertThat(conversationsOf(customer)).isZero();
  }

  @Test
  void incompleteSetsAreFiledAfterTheTimeoutWhoeverSentThem() {
    String customer = FreshNumbers.us();
    String sender = "ACME" + suffix();
    // Part 1 of 2 from a business's sender ID, then part 1 of 2 from a customer; neither completes.
    assertThat(deliver(sender, udh(0x51, 2, 1, "From a sender ID, "))).isZero();
    assertThat(deliver(customer, udh(0x52, 2, 1, "From a customer, "))).isZero();

    // SMPP_REASSEMBLY_TIMEOUT is 8 s for the test servers: both are filed, marked incomplete.
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    JsonNode message = thread(conversation).get("messages").get(0);
    assertThat(message.get("text").asText()).isEqualTo("From a customer,  […] ");
    assertThat(message.get("incomplete").asBoolean()).isTrue();
    JsonNode fromSender = thread(conversationWithSender(sender)).get("messages").get(0);
    assertThat(fromSender.get("text").asText()).isEqualTo("From a sender ID,  […] ");
    assertThat(fromSender.get("incomplete").asBoolean()).isTrue();
  }

  @Test
  void aLastPartDeliveredAgainAfterItsMessageWasFiledIsNoFragment() {
    String customer = FreshNumbers.us();
    assertThat(deliver(customer, udh(0x61, 2, 1, "Whole "))).isZero();
    assertThat(deliver(customer, udh(0x61, 2, 2, "message"))).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    // The SMSC had no answer in time and delivers the last part again.
    assertThat(deliver(customer, udh(0x61, 2, 2, "message"))).isZero();

    await("past the reassembly timeout, still one message")
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(30))
        .until(() -> thread(conversation).get("messages").size() == 1);
    assertThat(thread(conversation).get("messages").get(0).get("text").asText())
        .isEqualTo("Whole message");
  }

  @Test
  void whatTheSchemaCannotHoldIsRefusedForGood() {
    // A receipt for a message id longer than any SMPP id (65): no submit of ours has it.
    String id = "9".repeat(80);
    int receipt =
        inbox
            .smsc()
            .deliverRaw(
                FreshNumbers.us().substring(1),
                ourNumber.substring(1),
                (byte) 0,
                (byte) 0x04,
                ("id:" + id + " sub:001 dlvrd:001 stat:DELIVRD err:000 text:")
                    .getBytes(StandardCharsets.US_ASCII));
    assertThat(receipt).isEqualTo(0x65);

    // A part of 12,000 octets (in message_payload), longer than a part the inbox keeps.
    String customer = FreshNumbers.us();
    byte[] payload = new byte[12_000];
    Arrays.fill(payload, (byte) 'a');
    int part =
        inbox
            .smsc()
            .deliverRaw(
                customer.substring(1),
                ourNumber.substring(1),
                (byte) 0,
                (byte) 0,
                new byte[0],
                new OptionalParameter.OctetString((short) 0x0424, payload),
                new OptionalParameter.Short((short) 0x020C, (short) 4242),
                new OptionalParameter.Byte((short) 0x020E, (byte) 2),
                new OptionalParameter.Byte((short) 0x020F, (byte) 1));
    assertThat(part).isEqualTo(0x65);
    assertThat(conversationsOf(customer)).isZero();
  }

  @Test
  void octetsThatAreNoTextAreStoredAsTheyCameAndTheSmsIsAcknowledged() {
    String reserved = FreshNumbers.us();
    assertThat(raw(reserved, (byte) 0x0F, new byte[] {0x41, 0x42, (byte) 0x9C})).isZero();
    JsonNode message = lastMessage(reserved);
    assertThat(message.get("text").asText())
        .isEqualTo("unreadable message (data coding 0x0F, 3 octets)");
    assertThat(message.get("unreadable").get("dataCoding").asInt()).isEqualTo(0x0F);
    assertThat(message.get("unreadable").get("hex").asText()).isEqualTo("41429c");

    String highOctets = FreshNumbers.us();
    byte[] ff = new byte[140];
    Arrays.fill(ff, (byte) 0xFF);
    assertThat(raw(highOctets, (byte) 0x00, ff)).isZero();
    message = lastMessage(highOctets);
    // Not 140 × "à" (the high bit dropped): GSM 03.38 has no such octet.
    assertThat(message.get("text").asText())
        .isEqualTo("unreadable message (data coding 0x00, 140 octets)");
    assertThat(message.get("unreadable").get("octets").asInt()).isEqualTo(140);
    assertThat(message.get("unreadable").get("hex").asText()).isEqualTo("ff".repeat(140));
  }

  @Test
  void aSenderIdsSmsIsStoredOnceAndItsConversationCannotBeAnswered() {
    String sender = "Shop" + suffix();
    String text = "Your parcel arrives today " + System.nanoTime();
    assertThat(inbox.smsc().deliver(sender, ourNumber, text)).isZero();
    assertThat(inbox.smsc().deliver(sender, ourNumber, text)).isZero(); // the SMSC repeats itself
    assertThat(inbox.smsc().deliver(sender, ourNumber, "STOP")).isZero();

    long conversation = conversationWithSender(sender);
    JsonNode thread =
        await("both texts are filed")
            .atMost(Duration.ofSeconds(20))
            .until(() -> thread(conversation), t -> t.get("messages").size() >= 2);
    assertThat(texts(thread.get("messages"))).containsExactly(text, "STOP");
    assertThat(thread.get("messages").get(1).get("keywordEvent").isNull()).isTrue();
    assertThat(thread.get("cannotReply").asText()).contains("alphanumeric sender ID");

    var reply =
        admin.post(
            "/api/inbox/conversations/" + conversation + "/messages", Map.of("text", "Thanks"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().get("detail").asText())
        .contains("'" + sender + "' is an alphanumeric sender ID")
        .contains("cannot be answered");
  }

  @Test
  void aCarrierFarAheadOfTheCommitsIsToldToSlowDownAndEverySmsAcknowledgedIsKept()
      throws Exception {
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "needs a database the test can hold beside the server (the PostgreSQL run)");
    String customer = FreshNumbers.us();
    String run = "FAR AHEAD " + System.nanoTime() + " #";
    // More in flight than the inbox queues behind a commit that does not end: 128 in the commit,
    // 1,128 waiting for the writer.
    int sent = 1_400;
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService carrier = Executors.newFixedThreadPool(sent);
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
        Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      // A transaction beside the server holds the journal: no commit of inbound SMS can end.
      sql.execute("lock table inbound_journal in exclusive mode");
      for (int i = 0; i < sent; i++) {
        int n = i;
        carrier.submit(() -> statuses.put(n, deliverOrTimeout(customer, run + n)));
      }
      await("the carrier is told to slow down")
          .atMost(Duration.ofSeconds(30))
          .until(() -> statuses.containsValue(0x58));
      assertThat(statuses.values())
          .as("nothing acknowledged while nothing commits")
          .doesNotContain(0);
      db.commit();
    } finally {
      carrier.shutdown();
    }
    assertThat(carrier.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    List<String> acknowledged = textsAnswered(statuses, run, 0);
    List<String> throttled = textsAnswered(statuses, run, 0x58);
    assertThat(acknowledged).isNotEmpty();
    assertThat(throttled).isNotEmpty();
    assertThat(statuses.values())
        .as("each answered ESME_ROK, ESME_RTHROTTLED or, held too long, try again (or not at all)")
        .allMatch(status -> status == 0 || status == 0x58 || status == 0x64 || status == -1);
    // Every SMS acknowledged is filed, once; none the carrier was told to send again.
    List<String> filed =
        await("every acknowledged SMS filed")
            .atMost(Duration.ofSeconds(60))
            .until(() -> filedTexts(run), texts -> texts.containsAll(acknowledged));
    assertThat(filed).doesNotHaveDuplicates().doesNotContainAnyElementsOf(throttled);
  }

  /** The deliver_sm's command status; -1 when the inbox did not answer within 10 s. */
  private static int deliverOrTimeout(String customer, String text) {
    try {
      return inbox.smsc().deliver(customer, ourNumber, text);
    } catch (IllegalStateException noAnswer) {
      return -1;
    }
  }

  private static List<String> textsAnswered(
      Map<Integer, Integer> statuses, String run, int status) {
    return statuses.entrySet().stream()
        .filter(e -> e.getValue() == status)
        .map(e -> run + e.getKey())
        .toList();
  }

  private static List<String> filedTexts(String run) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
        PreparedStatement sql = db.prepareStatement("select body from message where body like ?")) {
      sql.setString(1, run + "%");
      List<String> texts = new ArrayList<>();
      try (ResultSet rows = sql.executeQuery()) {
        while (rows.next()) {
          texts.add(rows.getString(1));
        }
      }
      return texts;
    }
  }

  @Test
  void anSmsTheFilerCannotFileWaitsWithItsReasonAndIsFiledWhenRetried() throws Exception {
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "needs a database the test can reach beside the server (the PostgreSQL run)");
    String customer = FreshNumbers.us();
    String text = "UNFILED " + System.nanoTime();
    JsonNode unfiled;
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
        Statement sql = db.createStatement()) {
      sql.execute("alter table message drop constraint if exists it_refuses_unfiled");
      sql.execute(
          "alter table message add constraint it_refuses_unfiled check (body not like 'UNFILED %')"
              + " not valid");
      try {
        assertThat(inbox.smsc().deliver(customer, ourNumber, text)).isZero();
        unfiled =
            await("the SMS is listed as unfiled, with why")
                .atMost(Duration.ofSeconds(20))
                .until(() -> unfiled(text), Objects::nonNull);
        assertThat(unfiled.get("error").asText()).contains("it_refuses_unfiled");
        assertThat(unfiled.get("attempts").asInt()).isPositive();
        var again = admin.post("/api/inbox/unfiled/" + unfiled.get("id").asLong() + "/retry", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("filed").asBoolean()).isFalse();
      } finally {
        sql.execute("alter table message drop constraint it_refuses_unfiled");
      }
    }
    var retried = admin.post("/api/inbox/unfiled/" + unfiled.get("id").asLong() + "/retry", "");
    // Filed now, or just before by the filer's own next attempt.
    assertThat(retried.status()).isIn(200, 404);
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    assertThat(texts(thread(conversation).get("messages"))).containsExactly(text);
    assertThat(unfiled(text)).isNull();
    assertThat(InboxClient.agent().get("/api/inbox/unfiled").status()).isEqualTo(403);
  }

  private static InboxClient.Answer campaign(String to, String from, String text) {
    return crm.post(
        "/api/sms/messages",
        Map.of(
            "to",
            to,
            "from",
            from,
            "text",
            text,
            "origin",
            Map.of("type", "CAMPAIGN", "id", "bf", "name", "Black Friday")));
  }

  /** A short suffix so a sender ID is new to this run (IDs have at most 11 characters). */
  private static String suffix() {
    String random = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    return "0000".substring(random.length()) + random;
  }

  /** The conversation a sender ID's first text started, found by its name. */
  private static long conversationWithSender(String sender) {
    return await("the conversation with " + sender + " is listed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (JsonNode item :
                  admin.get("/api/inbox/conversations?q=" + sender).json().get("items")) {
                if (sender.equals(item.get("contact").get("phone").asText())) {
                  return item.get("id").asLong();
                }
              }
              return null;
            },
            Objects::nonNull);
  }

  /** The unrouted SMS from {@code customer}, the newest, or null. */
  private static JsonNode unrouted(String customer) {
    for (JsonNode item : admin.get("/api/inbox/unrouted?limit=100").json().get("items")) {
      if (customer.equals(item.get("from").asText())) {
        return item;
      }
    }
    return null;
  }

  private static JsonNode unfiled(String text) {
    for (JsonNode item : admin.get("/api/inbox/unfiled?limit=100").json().get("items")) {
      if (text.equals(item.get("text").asText())) {
        return item;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode pageOrMessages) {
    JsonNode items = pageOrMessages.has("items") ? pageOrMessages.get("items") : pageOrMessages;
    List<String> texts = new ArrayList<>();
    items.forEach(i -> texts.add(i.get("text").asText()));
    return texts;
  }

  private static int deliver(String from, byte[] shortMessage) {
    return inbox
        .smsc()
        .deliverRaw(
            from.startsWith("+") ? from.substring(1) : from,
            ourNumber.substring(1),
            (byte) 0,
            (byte) 0x40,
            shortMessage);
  }

  private static int raw(String customer, byte dataCoding, byte[] shortMessage) {
    return inbox
        .smsc()
        .deliverRaw(
            customer.substring(1), ourNumber.substring(1), dataCoding, (byte) 0, shortMessage);
  }

  /** A part with an 8-bit-reference UDH and text that GSM 03.38 and ASCII write alike. */
  private static byte[] udh(int reference, int total, int sequence, String text) {
    byte[] body = text.getBytes(StandardCharsets.US_ASCII);
    byte[] pdu = new byte[6 + body.length];
    byte[] header = {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
    System.arraycopy(header, 0, pdu, 0, 6);
    System.arraycopy(body, 0, pdu, 6, body.length);
    return pdu;
  }

  private static JsonNode thread(long conversation) {
    return admin.get("/api/inbox/conversations/" + conversation).json();
  }

  private static JsonNode lastMessage(String customer) {
    JsonNode messages = thread(SmsPathIT.awaitRow(customer).get("id").asLong()).get("messages");
    return messages.get(messages.size() - 1);
  }

  private static int conversationsOf(String customer) {
    String digits = customer.substring(customer.length() - 7);
    return admin.get("/api/inbox/conversations?q=" + digits).json().get("items").size();
  }
}
