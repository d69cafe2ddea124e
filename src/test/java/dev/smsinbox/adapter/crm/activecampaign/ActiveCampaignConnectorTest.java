package dev.smsinbox.adapter.crm.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.application.contacts.CrmConnectorContract;
import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.SmsList;
import dev.smsinbox.domain.crm.Tag;
import dev.smsinbox.runtime.InboxExtensionContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ActiveCampaign connector against the fake v3 API, its links in H2 migrated by the real Flyway
 * scripts: the contract every connector keeps, then what is ActiveCampaign's own (the wire format,
 * paging, the pace, 429, time-outs, a CRM that is down).
 */
class ActiveCampaignConnectorTest extends CrmConnectorContract {

  private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

  private static ActiveCampaignFake fake;
  private static JdbcUnitOfWork unitOfWork;
  private static CrmConnector connector;
  private static final AtomicLong phones = new AtomicLong(4155560000L);

  @BeforeAll
  static void start() throws Exception {
    fake = new ActiveCampaignFake(0);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:activecampaign-contract;DB_CLOSE_DELAY=-1");
    dev.smsinbox.runtime.FlywayMigration.configure(dataSource).load().migrate();
    unitOfWork = new JdbcUnitOfWork(dataSource);
    // the contract makes many calls: faster than ActiveCampaign's 5 a second (paced on its own
    // below)
    connector = connector(Map.of("requests-per-second", "200"));
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static CrmConnector connector(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", fake.url());
    settings.put("api-token", ActiveCampaignFake.TOKEN);
    settings.put("timeout", "PT2S");
    settings.putAll(more);
    ActiveCampaignConnectorFactory factory = new ActiveCampaignConnectorFactory();
    factory.init(key -> Optional.ofNullable(settings.get(key)));
    return factory.create(new InboxExtensionContext(unitOfWork, Clock.systemUTC(), "default"));
  }

  @Override
  protected CrmConnector connector() {
    return connector;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  @Override
  protected long newContact() {
    return newContact(null);
  }

  private static long newContact(String email) {
    JdbcContactRepository contacts = new JdbcContactRepository(unitOfWork);
    return unitOfWork.inTransaction(
        () ->
            contacts
                .create(
                    "default", "Ann", "Lee", "+1" + phones.incrementAndGet(), email, Instant.now())
                .id());
  }

  private static <T> T tx(java.util.function.Supplier<T> work) {
    return unitOfWork.inTransaction(work);
  }

  @Test
  void everyCallCarriesTheApiTokenAndTheTokenIsNeverShown() {
    long ann = newContact();
    int before = fake.requests().size();
    tx(() -> connector.addTag(ann, "Token check", AT));
    assertThat(fake.requests().subList(before, fake.requests().size()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.apiToken()).isEqualTo(ActiveCampaignFake.TOKEN));
    ConfigScope settings =
        key -> Optional.ofNullable(Map.of("url", fake.url(), "api-token", "secret-123").get(key));
    assertThat(ActiveCampaignConnectorFactory.settings(settings).toString())
        .doesNotContain("secret-123");
  }

  @Test
  void aContactIsFoundByPhoneOrCreatedOnceAndLinked() {
    String phone = "+1" + phones.incrementAndGet();
    String crmId = fake.seed("contacts", Map.of("phone", phone, "firstName", "Bo"));
    long bo =
        tx(
            () ->
                new JdbcContactRepository(unitOfWork)
                    .create("default", "Bo", null, phone, null, AT)
                    .id());
    tx(() -> connector.addTag(bo, "Found by phone", AT));
    assertThat(fake.items("contactTags", Map.of("contact", crmId))).hasSize(1);
    assertThat(tx(() -> connector.profileUrl(bo))).contains(fake.url() + "/app/contacts/" + crmId);

    long cy = newContact("cy@example.com");
    tx(() -> connector.addTag(cy, "Synced", AT));
    tx(() -> connector.addTag(cy, "Synced again", AT));
    assertThat(fake.requests("POST", "contact/sync")).hasSize(1);
    assertThat(fake.items("contacts", Map.of("email", "cy@example.com")))
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("firstName", "Ann"));
  }

  @Test
  void aReadDoesNotCreateTheContactInTheCrm() {
    long ann = newContact();
    int before = fake.items("contacts", Map.of()).size();
    assertThat(tx(() -> connector.tagsOf(ann))).isEmpty();
    assertThat(tx(() -> connector.subscriptionsOf(ann))).isEmpty();
    assertThat(tx(() -> connector.dealsOf(ann))).isEmpty();
    assertThat(fake.items("contacts", Map.of())).hasSize(before);
  }

  @Test
  void listsArePagedThrough() {
    for (int i = 0; i < 130; i++) {
      fake.seed("tags", Map.of("tag", "Paged " + i, "tagType", "contact"));
    }
    assertThat(tx(connector::tags)).extracting(Tag::name).contains("Paged 0", "Paged 129");
    assertThat(fake.requests("GET", "tags"))
        .extracting(r -> r.query().get("offset"))
        .contains("0", "100");
  }

  @Test
  void subscriptionsAreContactListsWithStatusOneAndTwo() {
    long ann = newContact();
    SmsList list = tx(connector::lists).get(0);
    unitOfWork.run(() -> connector.subscribe(ann, list.id(), new Consent(AT, "admin", "inbox")));
    unitOfWork.run(
        () -> connector.unsubscribe(ann, list.id(), new Consent(AT, "+1", Consent.SMS_KEYWORD)));
    assertThat(fake.requests("POST", "contactLists"))
        .extracting(r -> r.body())
        .last()
        .asString()
        .contains("\"status\":2");
  }

  @Test
  void aDealIsSentInCentsInLowerCaseCurrencyToTheConfiguredPipeline() {
    long ann = newContact();
    CrmConnector pipelineTwo =
        connector(Map.of("pipeline", "2", "stage", "3", "requests-per-second", "200"));
    tx(
        () ->
            pipelineTwo.createDeal(
                ann,
                new NewDeal("Cards", new BigDecimal("99.90"), "USD", "Proposal"),
                "admin",
                AT));
    assertThat(fake.items("deals", Map.of("title", "Cards")))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d)
                    .containsEntry("value", "9990")
                    .containsEntry("currency", "usd")
                    .containsEntry("group", "2")
                    .containsEntry("stage", "3"));
  }

  @Test
  void aRefusalSaysWhatTheCrmSaid() {
    long ann = newContact();
    // a list deleted in the CRM since the panel listed it: ActiveCampaign answers 422
    assertThatThrownBy(
            () ->
                unitOfWork.run(
                    () -> connector.subscribe(ann, 999, new Consent(AT, "admin", "inbox"))))
        .isInstanceOf(CrmConnector.Failed.class)
        .hasMessageContaining("422")
        .hasMessageContaining("The related contact or list does not exist.");
  }

  @Test
  void aTooManyRequestsAnswerIsWaitedOutAsItsRetryAfterSays() {
    fake.answerTooManyRequests(1, 1);
    int before = fake.requests("GET", "lists").size();
    assertThat(tx(connector::lists)).isNotEmpty();
    List<ActiveCampaignFake.Request> asked = fake.requests("GET", "lists");
    assertThat(asked).hasSize(before + 2);
    long waited = asked.get(before + 1).nanos() - asked.get(before).nanos();
    assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aRetryAfterLongerThanTheConnectorWaitsFailsTheCallSayingSo() {
    fake.answerTooManyRequests(1, 120);
    assertThatThrownBy(() -> tx(connector::lists))
        .isInstanceOf(CrmConnector.Failed.class)
        .hasMessageContaining("429")
        .hasMessageContaining("120 s");
  }

  @Test
  void aCrmTooSlowToAnswerFailsAfterTheTimeOut() {
    CrmConnector impatient = connector(Map.of("timeout", "PT0.3S"));
    fake.holdAnswers();
    try {
      assertThatThrownBy(() -> tx(impatient::lists))
          .isInstanceOf(CrmConnector.Failed.class)
          .hasMessageContaining("did not answer")
          .hasMessageContaining("300 ms");
    } finally {
      fake.release();
    }
  }

  @Test
  void aCrmThatIsDownFailsTheCallNamingIt() throws Exception {
    ActiveCampaignFake gone = new ActiveCampaignFake(0);
    String url = gone.url();
    gone.close();
    Map<String, String> settings = Map.of("url", url, "api-token", "t");
    ActiveCampaignConnectorFactory factory = new ActiveCampaignConnectorFactory();
    factory.init(key -> Optional.ofNullable(settings.get(key)));
    CrmConnector down =
        factory.create(new InboxExtensionContext(unitOfWork, Clock.systemUTC(), "default"));
    assertThatThrownBy(() -> tx(down::lists))
        .isInstanceOf(CrmConnector.Failed.class)
        .hasMessageContaining("cannot be reached at " + url);
  }

  @Test
  void aWrongTokenIsRefusedWithoutShowingIt() {
    CrmConnector wrong = connector(Map.of("api-token", "not-the-token"));
    assertThatThrownBy(() -> tx(wrong::lists))
        .isInstanceOf(CrmConnector.Failed.class)
        .hasMessageContaining("403")
        .hasMessageContaining("api-token")
        .hasMessageNotContaining("not-the-token");
  }

  @Test
  void missingSettingsAreNamed() {
    ActiveCampaignConnectorFactory factory = new ActiveCampaignConnectorFactory();
    assertThatThrownBy(() -> factory.init(key -> Optional.empty())).hasMessageContaining("url");
    assertThatThrownBy(
            () ->
                factory.init(
                    key -> Optional.ofNullable(Map.of("url", "https://acme.api-us1.com").get(key))))
        .hasMessageContaining("api-token");
  }
}
