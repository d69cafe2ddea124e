package dev.smsinbox.domain;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

class OriginTest {

  @Test
  void repliesCountForCampaignsAndAutomationsOnly() {
    assertThat(new Origin(OriginType.CAMPAIGN, "c-1", "Black Friday").attributable()).isTrue();
    assertThat(new Origin(OriginType.AUTOMATION, "a-7", "Reminder").attributable()).isTrue();
    assertThat(Origin.INBOX.attributable()).isFalse();
  }

  @Test
  void theApiShowsAnOriginWithTheContractsFieldsOnly() throws Exception {
    try (var json = JsonbBuilder.create()) {
      assertThat(json.toJson(new Origin(OriginType.CAMPAIGN, "c-1", "Black Friday")))
          .isEqualTo("{\"id\":\"c-1\",\"name\":\"Black Friday\",\"type\":\"CAMPAIGN\"}");
    }
  }
}
