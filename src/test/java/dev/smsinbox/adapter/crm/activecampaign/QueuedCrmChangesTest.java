package dev.smsinbox.adapter.crm.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.adapter.persistence.JdbcCrmChangeQueue;
import dev.smsinbox.application.contacts.AutomationEvents;
import dev.smsinbox.application.keywords.CrmChanges;
import dev.smsinbox.application.port.CrmChangeQueue.Kind;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.SubscriptionState;
import dev.smsinbox.runtime.InboxExtensionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A STOP for a remote CRM goes through the durable queue: applied after the filing, tried again
 * with a growing delay while the CRM answers 429 or is down, kept as a dead letter when the
 * attempts run out, and a START never overtakes its STOP.
 */
class QueuedCrmChangesTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** The queue's time, moved by the test. */
  static final class TestClock extends Clock {
    volatile Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void pass(Duration duration) {
      now = now.plus(duration);
    }
  }

  private static ActiveCampaignFake fake;
  private static JdbcUnitOfWork unitOfWork;
  private static CrmConnector connector;
  private static JdbcCrmChangeQueue queue;
  private static final AtomicLong phones = new AtomicLong(4155570000L);
  private final TestClock clock = new TestClock();
  private final List<AutomationEvents.Enrolled> enrolled = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    fake = new ActiveCampaignFake(0);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:activecampaign-queue;DB_CLOSE_DELAY=-1");
    dev.smsinbox.runtime.FlywayMigration.configure(dataSource).load().migrate();
    unitOfWork = new JdbcUnitOfWork(dataSource);
    Map<String, String> settings =
        Map.of(
            "url",
            fake.url(),
            "api-token",
            ActiveCampaignFake.TOKEN,
            "requests-per-second",
            "200",
            "timeout",
            "PT2S");
    ActiveCampaignConnectorFactory factory = new ActiveCampaignConnectorFactory();
    factory.init(key -> Optional.ofNullable(settings.get(key)));
    connector = factory.create(new InboxExtensionContext(unitOfWork, Clock.systemUTC(), "default"));
    queue = new JdbcCrmChangeQueue(unitOfWork);
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private CrmChanges changes(int maxAttempts) {
    return new CrmChanges(
        unitOfWork,
        account -> connector,
        queue,
        (account, enrolled) -> this.enrolled.add(enrolled),
        new CrmChanges.Retries(maxAttempts, Duration.ofSeconds(5), Duration.ofMinutes(1)),
        clock);
  }

  /** A contact subscribed (by an admin) to the CRM's first SMS list. */
  private long subscribedContact() {
    long id =
        unitOfWork.inTransaction(
            () ->
                new JdbcContactRepository(unitOfWork)
                    .create("default", "Sam", "Stop", "+1" + phones.incrementAndGet(), null, T0)
                    .id());
    long list = unitOfWork.inTransaction(connector::lists).get(0).id();
    unitOfWork.run(() -> connector.subscribe(id, list, new Consent(T0, "admin", Consent.INBOX)));
    return id;
  }

  private void queue(long contact, Kind kind) {
    unitOfWork.run(
        () ->
            queue.add(
                "default",
                contact,
                kind,
                null,
                new Consent(clock.instant(), "+1", Consent.SMS_KEYWORD),
                clock.instant()));
  }

  private Row row(long contact) {
    return unitOfWork
        .inTransaction(
            () ->
                new Sql(unitOfWork)
                    .one(
                        "select attempts, last_error, dead_at from crm_change_queue"
                            + " where contact_id = ? order by id fetch first 1 rows only",
                        rs ->
                            new Row(
                                rs.getInt("attempts"),
                                rs.getString("last_error"),
                                rs.getObject("dead_at") != null),
                        contact))
        .orElse(null);
  }

  record Row(int attempts, String lastError, boolean dead) {}

  private ListSubscription standing(long contact) {
    return unitOfWork.inTransaction(() -> connector.subscriptionsOf(contact)).get(0);
  }

  @Test
  void aStopReachesTheCrmAfter429AndAnOutageWithGrowingDelays() throws Exception {
    long sam = subscribedContact();
    CrmChanges changes = changes(10);
    queue(sam, Kind.OPT_OUT);

    fake.answerTooManyRequests(1, 120); // longer than the connector waits: the attempt fails
    assertThat(changes.applyDue()).isZero();
    assertThat(row(sam).attempts()).isEqualTo(1);
    assertThat(row(sam).lastError()).contains("429");

    fake.down();
    try {
      assertThat(changes.applyDue()).as("not due before its delay").isZero();
      assertThat(row(sam).attempts()).isEqualTo(1);
      clock.pass(Duration.ofSeconds(5));
      assertThat(changes.applyDue()).isZero();
      assertThat(row(sam).attempts()).isEqualTo(2);
      assertThat(row(sam).lastError()).contains("cannot be reached");
      clock.pass(Duration.ofSeconds(5));
      assertThat(changes.applyDue()).as("the delay doubled: 10 s now").isZero();
      assertThat(row(sam).attempts()).isEqualTo(2);
    } finally {
      fake.up();
    }
    clock.pass(Duration.ofSeconds(5));
    assertThat(changes.applyDue()).isEqualTo(1);
    assertThat(row(sam)).as("done: off the queue").isNull();
    ListSubscription off = standing(sam);
    assertThat(off.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
    assertThat(off.leftByKeyword()).isTrue();
    assertThat(fake.requests("POST", "contactLists"))
        .extracting(ActiveCampaignFake.Request::body)
        .last()
        .asString()
        .contains("\"status\":2");
  }

  @Test
  void aChangeThatRunsOutOfAttemptsStaysAsADeadLetter() throws Exception {
    long sam = subscribedContact();
    CrmChanges changes = changes(2);
    queue(sam, Kind.OPT_OUT);
    fake.down();
    try {
      changes.applyDue();
      clock.pass(Duration.ofMinutes(1));
      changes.applyDue();
    } finally {
      fake.up();
    }
    assertThat(row(sam).dead()).isTrue();
    assertThat(row(sam).attempts()).isEqualTo(2);
    clock.pass(Duration.ofHours(1));
    assertThat(changes.applyDue()).isZero();
    assertThat(standing(sam).isSubscribed()).as("never applied").isTrue();
  }

  @Test
  void aStartWaitsForTheStopBeforeIt() throws Exception {
    long sam = subscribedContact();
    CrmChanges changes = changes(10);
    queue(sam, Kind.OPT_OUT);
    fake.down();
    try {
      changes.applyDue();
    } finally {
      fake.up();
    }
    queue(sam, Kind.OPT_IN);
    assertThat(changes.applyDue()).as("the START waits behind its STOP").isZero();
    assertThat(standing(sam).isSubscribed()).isTrue();
    clock.pass(Duration.ofSeconds(5));
    assertThat(changes.applyDue()).isEqualTo(1);
    assertThat(standing(sam).state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
    assertThat(changes.applyDue()).isEqualTo(1);
    assertThat(standing(sam).isSubscribed()).as("START: back on the list the STOP ended").isTrue();
  }

  @Test
  void aKeywordsEnrolmentReachesTheCrmAfter429AndAnOutageAndIsToldOnceDone() throws Exception {
    long sam = subscribedContact();
    CrmChanges changes = changes(10);
    int before = fake.requests("POST", "contactAutomations").size();
    unitOfWork.run(
        () ->
            queue.add(
                "default",
                sam,
                Kind.ENROL,
                2L,
                new Consent(clock.instant(), "SMS keyword JOIN", Consent.SMS_KEYWORD),
                clock.instant()));

    fake.answerTooManyRequests(1, 120);
    assertThat(changes.applyDue()).isZero();
    assertThat(row(sam).lastError()).contains("429");
    fake.down();
    try {
      clock.pass(Duration.ofSeconds(5));
      assertThat(changes.applyDue()).isZero();
      assertThat(row(sam).attempts()).isEqualTo(2);
    } finally {
      fake.up();
    }
    assertThat(enrolled).as("nothing told before it is done").isEmpty();
    clock.pass(Duration.ofSeconds(10));
    assertThat(changes.applyDue()).isEqualTo(1);
    assertThat(row(sam)).as("done: off the queue").isNull();
    assertThat(fake.requests("POST", "contactAutomations")).hasSize(before + 1);
    assertThat(enrolled)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.contactId()).isEqualTo(sam);
              assertThat(e.automationName()).isEqualTo("Win-back");
              assertThat(e.enrolledBy()).isEqualTo("SMS keyword JOIN");
            });
    assertThat(unitOfWork.inTransaction(() -> connector.enrolmentsOf(sam)))
        .singleElement()
        .satisfies(e -> assertThat(e.enrolledBy()).isEqualTo("SMS keyword JOIN"));
  }
}
