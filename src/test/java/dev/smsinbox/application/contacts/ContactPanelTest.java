package dev.smsinbox.application.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.NoDatabase;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.OptOutRepository;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.Plan;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plan rules (F9) and the deal checks, at the use case: the black-box server runs one plan
 * (Enterprise), so the Starter refusals are proven here, against a CRM that fails if reached.
 */
class ContactPanelTest {

  private static final Caller ADMIN = Callers.admin();

  private static final Contact ANN = new Contact(7, "Ann", "Lee", "+14155550101", null);

  private static final ContactRepository ONLY_ANN =
      new ContactRepository() {
        @Override
        public Optional<Contact> find(String account, long id) {
          return id == ANN.id() ? Optional.of(ANN) : Optional.empty();
        }

        @Override
        public Optional<Contact> findByPhone(String account, String e164) {
          return Optional.empty();
        }

        @Override
        public List<Contact> createAll(String account, List<String> e164s, Instant at) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Contact create(
            String account, String f, String l, String e164, String email, Instant at) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Contact update(long id, String f, String l, String email) {
          throw new UnsupportedOperationException();
        }

        @Override
        public boolean isDeleted(long id) {
          return false;
        }

        @Override
        public void markDeleted(long id, Instant at) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void restore(long id) {
          throw new UnsupportedOperationException();
        }
      };

  private static final OptOutRepository NOBODY_OPTED_OUT =
      new OptOutRepository() {
        @Override
        public Optional<OptOut> find(String account, String e164) {
          return Optional.empty();
        }

        @Override
        public boolean save(String account, OptOut optOut, Long messageId) {
          return true;
        }

        @Override
        public boolean delete(String account, String e164) {
          return false;
        }
      };

  /** A CRM that must not be reached: a refused action never gets that far. */
  private static final CrmConnector UNREACHABLE =
      (CrmConnector)
          Proxy.newProxyInstance(
              CrmConnector.class.getClassLoader(),
              new Class<?>[] {CrmConnector.class},
              (proxy, method, args) -> {
                throw new AssertionError("The CRM was called: " + method.getName());
              });

  private static ContactPanel panel(Plan plan) {
    return new ContactPanel(
        NoDatabase.INSTANCE,
        ONLY_ANN,
        account -> UNREACHABLE,
        new OptOutRegistry(NoDatabase.INSTANCE, NOBODY_OPTED_OUT),
        null, // no change gets far enough to be audited
        (account, event) -> {},
        plan,
        "https://crm.example.com/contacts/{id}?phone={phone}",
        Clock.systemUTC());
  }

  @Test
  void starterRefusesDealsWithWhatToDo() {
    ContactPanel starter = panel(Plan.STARTER);
    NewDeal deal = new NewDeal("Gift cards", BigDecimal.TEN, "USD", null);
    assertThatThrownBy(() -> starter.createDeal(ADMIN, ANN.id(), deal))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RequestRefused.Reason.FORBIDDEN_BY_PLAN);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Deals are not available on the Starter plan. Upgrade to Plus, Pro or"
                          + " Enterprise to use them from the inbox.");
            });
    assertThatThrownBy(() -> starter.deals(ADMIN, ANN.id()))
        .hasMessageStartingWith("Deals are not available on the Starter plan");
  }

  @Test
  void starterRefusesAccounts() {
    ContactPanel starter = panel(Plan.STARTER);
    assertThatThrownBy(() -> starter.attachAccount(ADMIN, ANN.id(), null, "Lee & Co"))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRefused.Reason.FORBIDDEN_BY_PLAN))
        .hasMessageStartingWith("Accounts are not available on the Starter plan. Upgrade to Plus");
    assertThatThrownBy(() -> starter.detachAccount(ADMIN, ANN.id()))
        .hasMessageStartingWith("Accounts are not available on the Starter plan");
  }

  @Test
  void theTokensPlanWinsOverTheConfiguredOne() {
    Caller onStarter =
        new Caller(
            "u-1", "Ann Admin", null, "acme", Set.of(Caller.ADMIN), Optional.of(Plan.STARTER));
    ContactPanel enterprise = panel(Plan.ENTERPRISE);
    assertThat(enterprise.plan(onStarter)).isEqualTo(Plan.STARTER);
    assertThat(enterprise.plan(ADMIN)).isEqualTo(Plan.ENTERPRISE);
    assertThatThrownBy(() -> enterprise.deals(onStarter, ANN.id()))
        .hasMessageStartingWith("Deals are not available on the Starter plan");
  }

  @Test
  void theRecordSaysWhatThePlanAllows() {
    ContactRecord.Allowed starter = ContactRecord.Allowed.by(Plan.STARTER);
    assertThat(starter).isEqualTo(new ContactRecord.Allowed(true, false, true, true, false));
    for (Plan plan : new Plan[] {Plan.PLUS, Plan.PRO, Plan.ENTERPRISE}) {
      assertThat(ContactRecord.Allowed.by(plan))
          .isEqualTo(new ContactRecord.Allowed(true, true, true, true, true));
    }
  }

  @ParameterizedTest
  @EnumSource(Plan.class)
  void anUnknownContactIsNotFoundOnEveryPlan(Plan plan) {
    assertThatThrownBy(() -> panel(plan).addTag(ADMIN, 999, "VIP"))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRefused.Reason.NOT_FOUND))
        .hasMessage("There is no contact 999.");
  }

  @Test
  void dealsAreCheckedBeforeTheCrmSeesThem() {
    ContactPanel panel = panel(Plan.ENTERPRISE);
    assertRefused(() -> panel.createDeal(ADMIN, 7, new NewDeal(" ", BigDecimal.ONE, "USD", null)));
    assertRefused(() -> panel.createDeal(ADMIN, 7, new NewDeal("x", null, "USD", null)));
    assertRefused(
        () -> panel.createDeal(ADMIN, 7, new NewDeal("x", new BigDecimal("-1"), "USD", null)));
    assertRefused(() -> panel.createDeal(ADMIN, 7, new NewDeal("x", BigDecimal.ONE, "XYZ", null)));
    assertRefused(() -> panel.createDeal(ADMIN, 7, new NewDeal("x", BigDecimal.ONE, null, null)));
    assertRefused(
        () -> panel.createDeal(ADMIN, 7, new NewDeal("x", new BigDecimal("1.234"), "USD", null)));
    assertThat(ContactPanel.valid(new NewDeal(" Deal ", new BigDecimal("5"), "jpy", null)))
        .isEqualTo(new NewDeal("Deal", new BigDecimal("5"), "JPY", "New"));
  }

  @Test
  void tagNamesMustNotBeEmpty() {
    assertRefused(() -> panel(Plan.ENTERPRISE).addTag(ADMIN, 7, "   "));
  }

  private static void assertRefused(Runnable action) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRefused.Reason.INVALID));
  }
}
