package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.JdbcOutboxClaims;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReceiveSms.Stored;
import dev.smsinbox.application.outbound.DispatchOutbox;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.SmsGateway;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.sms.SmsPart;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two inbox instances (two cores, each with its own name, dispatcher and carrier bind) on one
 * database (issue 19), on H2 and on PostgreSQL (-Ppostgres; schema
 * &lt;it.pg.schema&gt;_unit_c_outbox): they drain one outbox together, and each part reaches the
 * carrier once, each conversation's replies in order; a conversation another instance holds waits
 * until its claim runs out.
 */
class ClusterOutboxTest {

  /** Of this build (-Dit.pg.schema): two builds side by side never share it. */
  private static final String SCHEMA =
      System.getProperty("test.pg.schema", "inbox_unit") + "_c_outbox";

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String OURS = "+14155550100";

  private HikariDataSource pool;
  private InboxCore a;
  private InboxCore b;
  private DispatchOutbox outboxA;
  private DispatchOutbox outboxB;
  private final MovingClock clock = new MovingClock(NOW);

  /** Both binds' submits, in the order the carrier took them, with the bind that carried each. */
  private final List<Submit> submits = new CopyOnWriteArrayList<>();

  private record Submit(String bind, String to, String text) {}

  /** One bind to the carrier: takes every submit and says which bind carried it. */
  private final class Bind implements SmsGateway {
    private final String name;
    private final AtomicInteger ids = new AtomicInteger();

    Bind(String name) {
      this.name = name;
    }

    @Override
    public String submit(SmsPart part, String from, String to) {
      submits.add(new Submit(name, to, part.number() + "/" + part.total() + " " + text(part)));
      return name + "-" + ids.incrementAndGet();
    }

    @Override
    public boolean isBound() {
      return true;
    }
  }

  private static String text(SmsPart part) {
    byte[] octets = part.shortMessage();
    // Multi-part GSM-7 parts start with their UDH; texts of letters, digits and spaces are ASCII.
    int udh = part.udhi() ? (octets[0] & 0xFF) + 1 : 0;
    return new String(octets, udh, octets.length - udh, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private void open(String database) {
    pool = TestDatabases.open(database, SCHEMA);
    a = core("instance-a");
    b = core("instance-b");
    a.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    a.credits().topUp(Callers.crm(), 10_000, "test");
    outboxA = a.dispatcher(new Bind("a"), 1000, false, 4);
    outboxB = b.dispatcher(new Bind("b"), 1000, false, 4);
  }

  private InboxCore core(String instance) {
    return new InboxCore(
        pool,
        TestSettings.inbox(),
        MessageHooks.none(),
        InboxTelemetry.NONE,
        JsonbBuilder.create(),
        clock,
        (type, body) -> {},
        () -> {},
        instance);
  }

  @AfterEach
  void close() {
    for (DispatchOutbox outbox : new DispatchOutbox[] {outboxA, outboxB}) {
      if (outbox != null) {
        outbox.close();
      }
    }
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void twoInstancesSubmitEachPartOnceAndKeepEachConversationsOrder(String database)
      throws Exception {
    open(database);
    // 30 conversations with 4 replies each, one in four of two parts: 150 parts in all.
    Map<String, List<Message>> written = new LinkedHashMap<>();
    for (int c = 0; c < 30; c++) {
      String customer = String.format("+1415555%04d", 2000 + c);
      long conversation = conversationWith(customer);
      List<Message> replies = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        String text = "Reply " + r + " to " + c + (r == 3 ? " " + "z".repeat(160) : "");
        replies.add(a.sendReply.reply(Callers.admin(), conversation, text).message());
      }
      written.put(customer, replies);
    }

    // Both instances drain at the same moment, each again and again until the outbox is empty.
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService instances = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (DispatchOutbox outbox : List.of(outboxA, outboxB)) {
        running.add(
            instances.submit(
                () -> {
                  together.await();
                  for (int round = 0; round < 500 && outbox.depth() > 0; round++) {
                    // The link is up throughout: a busy round would be a send that failed (two
                    // instances recording the same part, say).
                    assertThat(outbox.drain().linkBusy()).as("a round failed").isFalse();
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      instances.shutdownNow();
    }

    assertThat(outboxA.depth()).isZero();
    List<String> carried = submits.stream().map(s -> s.to() + " " + s.text()).toList();
    assertThat(carried).as("every part submitted once, by one instance").doesNotHaveDuplicates();
    assertThat(carried).hasSize(30 * 5);
    for (var conversation : written.entrySet()) {
      List<String> order =
          submits.stream()
              .filter(s -> s.to().equals(conversation.getKey()) && s.text().startsWith("1/"))
              .map(s -> s.text().substring(4, 11))
              .toList();
      assertThat(order)
          .as("the replies of %s in the order written", conversation.getKey())
          .containsExactly("Reply 0", "Reply 1", "Reply 2", "Reply 3");
      for (Message reply : conversation.getValue()) {
        assertThat(status(reply)).isEqualTo(MessageStatus.SENT);
      }
    }
    // Either instance may carry a conversation, but each conversation drains on one at a time.
    assertThat(submits.stream().map(Submit::bind).collect(Collectors.toSet())).isSubsetOf("a", "b");
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void aConversationClaimedByAnotherInstanceWaitsUntilItsClaimRunsOut(String database) {
    open(database);
    String ann = "+14155550111";
    String bob = "+14155550122";
    long annConversation = conversationWith(ann);
    long bobConversation = conversationWith(bob);
    Message toAnn = a.sendReply.reply(Callers.admin(), annConversation, "Hello Ann").message();
    a.sendReply.reply(Callers.admin(), bobConversation, "Hello Bob");
    // Instance A claimed Ann's conversation and died before sending: its claim is not renewed.
    assertThat(
            new JdbcOutboxClaims(a.unitOfWork)
                .claim(annConversation, "instance-a", NOW, NOW.plus(DispatchOutbox.CLAIM)))
        .isTrue();

    outboxB.drain();
    assertThat(submits).extracting(Submit::to).containsExactly(bob);
    assertThat(status(toAnn)).isEqualTo(MessageStatus.QUEUED);

    clock.advance(DispatchOutbox.CLAIM.minusSeconds(1));
    outboxB.drain();
    assertThat(submits).extracting(Submit::to).containsExactly(bob);

    // Its claim has run out: B takes Ann's conversation over and sends it, once.
    clock.advance(Duration.ofSeconds(1));
    outboxB.drain();
    outboxB.drain();
    assertThat(submits).extracting(Submit::to).containsExactly(bob, ann);
    assertThat(submits.get(1).bind()).isEqualTo("b");
    assertThat(status(toAnn)).isEqualTo(MessageStatus.SENT);
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anInstanceWhoseClaimWasTakenOverSubmitsNothingMore(String database) {
    open(database);
    String ann = "+14155550111";
    long conversation = conversationWith(ann);
    Message twoParts =
        a.sendReply.reply(Callers.admin(), conversation, "Two parts " + "y".repeat(160)).message();
    // A stalls after its first part (a pause longer than the claim); B takes the conversation
    // over meanwhile and holds it.
    AtomicInteger parts = new AtomicInteger();
    DispatchOutbox stalling =
        a.dispatcher(
            new SmsGateway() {
              @Override
              public String submit(SmsPart part, String from, String to) {
                submits.add(new Submit("a", to, part.number() + "/" + part.total()));
                if (parts.incrementAndGet() == 1) {
                  clock.advance(DispatchOutbox.CLAIM.plusSeconds(1));
                  assertThat(
                          new JdbcOutboxClaims(b.unitOfWork)
                              .claim(
                                  conversation,
                                  "instance-b",
                                  clock.instant(),
                                  clock.instant().plus(DispatchOutbox.CLAIM)))
                      .isTrue();
                }
                return "a-" + parts.get();
              }

              @Override
              public boolean isBound() {
                return true;
              }
            },
            1000,
            false,
            1);
    try {
      stalling.drain();
    } finally {
      stalling.close();
    }

    assertThat(submits).extracting(Submit::text).containsExactly("1/2");
    assertThat(status(twoParts)).isEqualTo(MessageStatus.QUEUED);
  }

  private long conversationWith(String phone) {
    var outcome =
        a.receiveSms
            .receiveAll(List.of(new InboundSms(phone, OURS, "Hi", 1, "GSM7", clock.instant())))
            .get(0);
    return ((Stored) outcome).message().conversationId();
  }

  private MessageStatus status(Message m) {
    return a.unitOfWork.inTransaction(() -> a.messages.find(m.id())).orElseThrow().status();
  }
}
