package dev.smsinbox.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.domain.crm.CrmNotice;
import dev.smsinbox.domain.crm.CrmNotice.Kind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ActiveCampaign's webhook fields as it posts them, read into what the inbox does with them. */
class ActiveCampaignWebhookTest {

  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      form.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return form;
  }

  @Test
  void anUnsubscribeFromAListNamesTheContactTheListAndWhen() {
    CrmNotice notice =
        ActiveCampaignWebhook.read(
            form(
                "type", "unsubscribe",
                "date_time", "2026-12-03T06:49:04-05:00",
                "initiated_from", "contact",
                "list", "3",
                "contact[id]", "42",
                "contact[email]", "ann@example.com",
                "contact[phone]", "+1 (415) 555-0123",
                "contact[first_name]", "Ann",
                "contact[tags]", "vip, newsletter"),
            NOW);
    assertThat(notice.kind()).isEqualTo(Kind.UNSUBSCRIBED);
    assertThat(notice.crmContactId()).isEqualTo("42");
    assertThat(notice.listId()).isEqualTo("3");
    assertThat(notice.phone()).isEqualTo("+1 (415) 555-0123");
    assertThat(notice.at()).isEqualTo(Instant.parse("2026-12-03T11:49:04Z"));
  }

  @Test
  void eachEventTypeTheInboxUsesAndTheRest() {
    assertThat(ActiveCampaignWebhook.kind("sms_unsub")).isEqualTo(Kind.SMS_UNSUBSCRIBED);
    assertThat(ActiveCampaignWebhook.kind("update")).isEqualTo(Kind.CONTACT_UPDATED);
    assertThat(ActiveCampaignWebhook.kind("contact_tag_added")).isEqualTo(Kind.TAG_ADDED);
    assertThat(ActiveCampaignWebhook.kind("contact_tag_removed")).isEqualTo(Kind.TAG_REMOVED);
    assertThat(ActiveCampaignWebhook.kind("deal_add")).isEqualTo(Kind.OTHER);
    CrmNotice open = ActiveCampaignWebhook.read(form("type", "open", "campaign[id]", "9"), NOW);
    assertThat(open.kind()).isEqualTo(Kind.OTHER);
    assertThat(open.at()).as("no date_time: when received").isEqualTo(NOW);
  }

  @Test
  void listZeroIsNoParticularListAndATagEventNamesItsTag() {
    assertThat(
            ActiveCampaignWebhook.read(
                    form("type", "unsubscribe", "list", "0", "contact[id]", "1"), NOW)
                .listId())
        .isNull();
    assertThat(
            ActiveCampaignWebhook.read(
                    form("type", "contact_tag_added", "tag", "Vip", "contact[id]", "1"), NOW)
                .tag())
        .isEqualTo("Vip");
  }

  @Test
  void aPostThatIsNoWebhookIsRefusedSayingWhy() {
    assertThatThrownBy(() -> ActiveCampaignWebhook.read(form("contact[id]", "1"), NOW))
        .hasMessageContaining("'type'");
    assertThatThrownBy(() -> ActiveCampaignWebhook.read(form("type", "update"), NOW))
        .hasMessageContaining("names none");
    assertThatThrownBy(
            () -> ActiveCampaignWebhook.read(form("type", "update", "contact[id]", "x1"), NOW))
        .hasMessageContaining("contact[id]");
    assertThatThrownBy(
            () ->
                ActiveCampaignWebhook.read(
                    form("type", "unsubscribe", "contact[id]", "1", "list", "all"), NOW))
        .hasMessageContaining("list");
    assertThatThrownBy(
            () ->
                ActiveCampaignWebhook.read(
                    form("type", "contact_tag_removed", "contact[id]", "1"), NOW))
        .hasMessageContaining("tag");
  }

  @Test
  void theSameFieldsInAnyOrderAreTheSameWebhookAndAnyDifferenceAnother() {
    String a =
        ActiveCampaignWebhook.digest(
            form("type", "update", "contact[id]", "1", "date_time", "2026-12-03T06:49:04-05:00"));
    String b =
        ActiveCampaignWebhook.digest(
            form("date_time", "2026-12-03T06:49:04-05:00", "contact[id]", "1", "type", "update"));
    String later =
        ActiveCampaignWebhook.digest(
            form("type", "update", "contact[id]", "1", "date_time", "2026-12-03T06:49:05-05:00"));
    assertThat(a).isEqualTo(b).hasSize(64).isNotEqualTo(later);
  }
}
