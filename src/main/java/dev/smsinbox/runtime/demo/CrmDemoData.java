package dev.smsinbox.runtime.demo;

import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.SmsList;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The contact panel's side of the demo (DEMO_DATA_ENABLED): tags, two accounts, every demo contact
 * on the "Newsletter" SMS list, contacts in both automations and an open deal. Seeded once, while
 * the CRM has no tags at all, through the connector like any other client.
 */
public final class CrmDemoData {

  private static final Logger LOG = Logger.getLogger(CrmDemoData.class.getName());

  private CrmDemoData() {}

  public static void seedIfEmpty(
      UnitOfWork unitOfWork,
      ContactRepository contacts,
      CrmConnector crm,
      String account,
      Clock clock) {
    unitOfWork.run(
        () -> {
          Optional<Contact> ann = contacts.findByPhone(account, "+14155550101");
          if (ann.isEmpty() || !crm.tags().isEmpty()) {
            return;
          }
          Instant at = clock.instant().minus(Duration.ofDays(30));
          Optional<SmsList> newsletter =
              crm.lists().stream().filter(l -> l.name().equals("Newsletter")).findFirst();
          for (int i = 1; i <= 20; i++) {
            Optional<Contact> person =
                contacts.findByPhone(account, String.format("+141555501%02d", i));
            if (person.isEmpty()) {
              continue;
            }
            long id = person.get().id();
            newsletter.ifPresent(
                l -> crm.subscribe(id, l.id(), new Consent(at, "admin", "website-form")));
            crm.addTag(id, i % 4 == 1 ? "VIP" : "Black Friday 2026", at);
          }
          long annId = ann.get().id();
          crm.addTag(annId, "Wholesale", at);
          crm.attach(annId, crm.accountNamed("Lee & Co. Bakery", at).id());
          contacts
              .findByPhone(account, "+14155550105")
              .ifPresent(
                  sofia -> crm.attach(sofia.id(), crm.accountNamed("Rossi Imports", at).id()));
          var automations = crm.automations();
          if (!automations.isEmpty()) {
            crm.enrol(annId, automations.get(0).id(), "admin", at);
          }
          if (automations.size() > 1) {
            contacts
                .findByPhone(account, "+14155550104")
                .ifPresent(liam -> crm.enrol(liam.id(), automations.get(1).id(), "admin", at));
          }
          crm.createDeal(
              annId,
              new NewDeal(
                  "Gift cards for the bakery team", new BigDecimal("1200.00"), "USD", "Proposal"),
              "admin",
              at);
          LOG.info(
              "CRM demo data seeded: tags, accounts, the Newsletter list, automations, a deal");
        });
  }
}
