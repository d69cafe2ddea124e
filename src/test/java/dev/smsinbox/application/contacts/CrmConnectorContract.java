package dev.smsinbox.application.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.crm.Account;
import dev.smsinbox.domain.crm.Automation;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.Deal;
import dev.smsinbox.domain.crm.DealStatus;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.SmsList;
import dev.smsinbox.domain.crm.SubscriptionState;
import dev.smsinbox.domain.crm.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CrmConnector} must do for the contact panel and the opt-out keywords to work. A
 * connector's test extends this and supplies the connector, the unit of work its calls run in and a
 * way to make a fresh contact. The connector must offer at least one SMS list and one automation.
 * Data may persist between tests: each test uses fresh names and contacts.
 */
public abstract class CrmConnectorContract {

  private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

  protected abstract CrmConnector connector();

  protected abstract UnitOfWork unitOfWork();

  /** A new contact the connector can be asked about, by the inbox's contact id. */
  protected abstract long newContact();

  private <T> T tx(Supplier<T> work) {
    return unitOfWork().inTransaction(work);
  }

  private static String fresh(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  protected void tagNamesAreTrimmedAndUniqueRegardlessOfCase() {
    long ann = newContact();
    long bob = newContact();
    String name = fresh("Vip");
    Tag first = tx(() -> connector().addTag(ann, "  " + name + " ", AT));
    Tag second = tx(() -> connector().addTag(bob, name.toUpperCase(), AT));
    assertThat(first.name()).isEqualTo(name);
    assertThat(second).isEqualTo(first);
    assertThat(tx(() -> connector().tagsOf(bob))).containsExactly(first);
    assertThat(tx(() -> connector().tags())).contains(first);
    assertThat(tx(() -> connector().findTag(first.id()))).contains(first);
  }

  @Test
  protected void addingATagTwiceIsHarmlessAndRemovingItUntags() {
    long ann = newContact();
    String name = fresh("Wholesale");
    Tag tag = tx(() -> connector().addTag(ann, name, AT));
    tx(() -> connector().addTag(ann, name, AT));
    assertThat(tx(() -> connector().tagsOf(ann))).containsExactly(tag);
    unitOfWork().run(() -> connector().removeTag(ann, tag.id()));
    assertThat(tx(() -> connector().tagsOf(ann))).isEmpty();
    assertThat(tx(() -> connector().findTag(tag.id()))).as("the tag itself stays").isPresent();
  }

  @Test
  protected void concurrentAddsOfANewTagCreateOneTag() throws Exception {
    String name = fresh("Race");
    int threads = 6;
    List<Long> contacts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      contacts.add(newContact());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Tag>> adds = new ArrayList<>();
      for (long contact : contacts) {
        adds.add(
            pool.submit(
                () -> {
                  go.await();
                  return tx(() -> connector().addTag(contact, name.toLowerCase(), AT));
                }));
      }
      go.countDown();
      List<Tag> tags = new ArrayList<>();
      for (Future<Tag> add : adds) {
        tags.add(add.get(30, TimeUnit.SECONDS));
      }
      assertThat(tags).extracting(Tag::id).containsOnly(tags.get(0).id());
      assertThat(tx(() -> connector().tags()))
          .filteredOn(t -> t.name().equalsIgnoreCase(name))
          .hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  protected void anAccountIsFoundByNameRegardlessOfCaseAttachedAndDetached() {
    long ann = newContact();
    String name = fresh("Lee & Co");
    Account created = tx(() -> connector().accountNamed(name, AT));
    assertThat(tx(() -> connector().accountNamed(name.toLowerCase(), AT))).isEqualTo(created);
    assertThat(tx(() -> connector().findAccount(created.id()))).contains(created);
    unitOfWork().run(() -> connector().attach(ann, created.id()));
    assertThat(tx(() -> connector().accountOf(ann))).contains(created);
    unitOfWork().run(() -> connector().detach(ann));
    assertThat(tx(() -> connector().accountOf(ann))).isEmpty();
  }

  @Test
  protected void aSubscriptionKeepsItsConsentAndHowItEnded() {
    long ann = newContact();
    SmsList list = tx(() -> connector().lists()).get(0);
    assertThat(tx(() -> connector().findList(list.id()))).contains(list);
    assertThat(tx(() -> connector().subscriptionsOf(ann))).isEmpty();

    Consent optIn = new Consent(AT, "admin", Consent.INBOX);
    unitOfWork().run(() -> connector().subscribe(ann, list.id(), optIn));
    ListSubscription on = only(tx(() -> connector().subscriptionsOf(ann)));
    assertThat(on.list()).isEqualTo(list);
    assertThat(on.state()).isEqualTo(SubscriptionState.SUBSCRIBED);
    assertThat(on.subscribed()).isEqualTo(optIn);
    assertThat(on.unsubscribed()).isNull();

    Consent stop = new Consent(AT.plusSeconds(60), "+14155550101", Consent.SMS_KEYWORD);
    unitOfWork().run(() -> connector().unsubscribe(ann, list.id(), stop));
    ListSubscription off = only(tx(() -> connector().subscriptionsOf(ann)));
    assertThat(off.state()).isEqualTo(SubscriptionState.UNSUBSCRIBED);
    assertThat(off.subscribed()).as("the original consent stays on record").isEqualTo(optIn);
    assertThat(off.unsubscribed()).isEqualTo(stop);
    assertThat(off.leftByKeyword()).isTrue();

    Consent again = new Consent(AT.plusSeconds(120), "+14155550101", Consent.SMS_KEYWORD);
    unitOfWork().run(() -> connector().subscribe(ann, list.id(), again));
    ListSubscription back = only(tx(() -> connector().subscriptionsOf(ann)));
    assertThat(back.state()).isEqualTo(SubscriptionState.SUBSCRIBED);
    assertThat(back.subscribed()).isEqualTo(again);
    assertThat(back.unsubscribed()).isNull();
  }

  @Test
  protected void unsubscribingSomeoneNotOnTheListChangesNothing() {
    long ann = newContact();
    SmsList list = tx(() -> connector().lists()).get(0);
    unitOfWork()
        .run(() -> connector().unsubscribe(ann, list.id(), new Consent(AT, "admin", "inbox")));
    assertThat(tx(() -> connector().subscriptionsOf(ann))).isEmpty();
  }

  @Test
  protected void aContactIsEnrolledInAnAutomationOnce() {
    long ann = newContact();
    Automation automation = tx(() -> connector().automations()).get(0);
    assertThat(tx(() -> connector().findAutomation(automation.id()))).contains(automation);
    var enrolment = tx(() -> connector().enrol(ann, automation.id(), "admin", AT));
    assertThat(enrolment).isPresent();
    assertThat(enrolment.get().automation()).isEqualTo(automation);
    assertThat(enrolment.get().enrolledBy()).isEqualTo("admin");
    assertThat(tx(() -> connector().enrol(ann, automation.id(), "admin", AT))).isEmpty();
    assertThat(tx(() -> connector().enrolmentsOf(ann)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.automation()).isEqualTo(automation);
              assertThat(e.enrolledAt()).isEqualTo(AT);
            });
  }

  @Test
  protected void aContactTakenOutOfAnAutomationIsNoLongerInIt() {
    long ann = newContact();
    Automation automation = tx(() -> connector().automations()).get(0);
    tx(() -> connector().enrol(ann, automation.id(), "admin", AT));
    assertThat(tx(() -> connector().removeFromAutomation(ann, automation.id()))).isTrue();
    assertThat(tx(() -> connector().enrolmentsOf(ann))).isEmpty();
    assertThat(tx(() -> connector().removeFromAutomation(ann, automation.id())))
        .as("not in it any more")
        .isFalse();
    assertThat(tx(() -> connector().enrol(ann, automation.id(), "admin", AT)))
        .as("enrolled again")
        .isPresent();
  }

  @Test
  protected void aDealKeepsItsValueCurrencyAndStage() {
    long ann = newContact();
    Deal created =
        tx(
            () ->
                connector()
                    .createDeal(
                        ann,
                        new NewDeal("Gift cards", new BigDecimal("1200.50"), "EUR", "Proposal"),
                        "admin",
                        AT));
    assertThat(created.status()).isEqualTo(DealStatus.OPEN);
    Deal read = only(tx(() -> connector().dealsOf(ann)));
    assertThat(read.id()).isEqualTo(created.id());
    assertThat(read.title()).isEqualTo("Gift cards");
    assertThat(read.value()).isEqualByComparingTo("1200.50");
    assertThat(read.currency()).isEqualTo("EUR");
    assertThat(read.stage()).isEqualTo("Proposal");
    assertThat(read.status()).isEqualTo(DealStatus.OPEN);
    assertThat(read.createdAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(AT);
  }

  @Test
  protected void unknownIdsAreEmpty() {
    assertThat(tx(() -> connector().findTag(Long.MAX_VALUE))).isEmpty();
    assertThat(tx(() -> connector().findAccount(Long.MAX_VALUE))).isEmpty();
    assertThat(tx(() -> connector().findList(Long.MAX_VALUE))).isEmpty();
    assertThat(tx(() -> connector().findAutomation(Long.MAX_VALUE))).isEmpty();
  }

  private static <T> T only(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
