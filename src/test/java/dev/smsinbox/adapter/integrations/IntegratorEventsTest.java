package dev.smsinbox.adapter.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import org.junit.jupiter.api.Test;

class IntegratorEventsTest {

  @Test
  void aRouteListensToAContractEndpointOrANameUnderIt() {
    assertThat(IntegratorContract.eventOf("direct://sms.received").orElseThrow().name())
        .isEqualTo("sms.received");
    assertThat(IntegratorContract.eventOf("direct://sms.received.webhook").orElseThrow().name())
        .isEqualTo("sms.received");
    assertThat(IntegratorContract.eventOf("direct:contact.opted-out.crm").orElseThrow().name())
        .isEqualTo("contact.opted-out");
    assertThat(IntegratorContract.eventOf("direct://hook.inbound.triage").orElseThrow().name())
        .isEqualTo("hook.inbound");
    assertThat(IntegratorContract.eventOf("direct://sms.receivedX")).isEmpty();
    assertThat(IntegratorContract.eventOf("direct://webhook-post")).isEmpty();
    assertThat(IntegratorContract.eventOf("timer://tick")).isEmpty();
    assertThat(IntegratorContract.eventOf("direct://hook.outbound")).isEmpty();
  }

  @Test
  void sentAndFinalStatusesAreSeparateEvents() {
    StoredEvent sent = status("SENT");
    StoredEvent delivered = status("DELIVERED");
    var sentContract = IntegratorContract.eventOf("direct:sms.sent").orElseThrow();
    var statusContract = IntegratorContract.eventOf("direct:sms.status").orElseThrow();
    assertThat(sentContract.which().test(sent)).isTrue();
    assertThat(sentContract.which().test(delivered)).isFalse();
    assertThat(statusContract.which().test(delivered)).isTrue();
    assertThat(statusContract.which().test(sent)).isFalse();
    assertThat(statusContract.which().test(status("REJECTED"))).isTrue();
  }

  @Test
  void receivedSmsHeadersSpareTheRouteParsingJson() {
    var headers =
        IntegratorContract.headersOf(
            new StoredEvent(
                new Position(0, 9),
                "default",
                "message.received",
                "{\"conversationId\":3,\"from\":\"+14155550101\",\"to\":\"+14155550100\","
                    + "\"message\":{\"id\":44,\"text\":\"HOURS?\"}}"));
    assertThat(headers)
        .containsEntry("SmsInboxConversationId", 3L)
        .containsEntry("SmsInboxMessageId", 44L)
        .containsEntry("SmsInboxFrom", "+14155550101")
        .containsEntry("SmsInboxTo", "+14155550100")
        .containsEntry("SmsInboxText", "HOURS?");
  }

  @Test
  void theSignatureIsTheHexHmacSha256OfTheBody() {
    // RFC 4231 test case 2.
    assertThat(HmacSigner.hmac("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  private static StoredEvent status(String status) {
    return new StoredEvent(
        new Position(0, 1),
        "default",
        "message.status",
        "{\"conversationId\":1,\"messageId\":2,\"status\":\"" + status + "\",\"error\":null}");
  }
}
