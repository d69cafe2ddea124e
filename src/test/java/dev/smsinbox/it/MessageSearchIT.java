package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search in message text (issue 21): the list's {@code q} finds conversations by words of their
 * messages, accents and case ignored, from three letters on — and only the searching account's
 * conversations, though another account's customer wrote the very same words.
 */
class MessageSearchIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();

  @Test
  void wordsOfAMessageFindItsConversationInTheSearchingAccountOnly() {
    String token = "zq" + UUID.randomUUID().toString().substring(0, 6);
    Account a = account("it-sa-");
    Account b = account("it-sb-");
    String annA = FreshNumbers.us();
    String annB = FreshNumbers.us();
    String text = "Perché il pacco " + token + " non è arrivato?";
    assertThat(inbox.smsc().deliver(annA, a.number, text)).isZero();
    assertThat(inbox.smsc().deliver(annB, b.number, text)).isZero();
    assertThat(inbox.smsc().deliver(FreshNumbers.us(), a.number, "Something else")).isZero();

    // Case and accents ignored; a word in the middle of the text.
    String query = "PERCHE IL PACCO " + token.toUpperCase();
    await("A's customer's message is found")
        .atMost(Duration.ofSeconds(15))
        .until(() -> phones(a.client, query).contains(annA));
    assertThat(phones(a.client, query)).containsExactly(annA);
    assertThat(phones(b.client, query)).containsExactly(annB);
    assertThat(phones(inbox.admin(), query)).isEmpty();
    assertThat(phones(a.client, token.substring(1))).containsExactly(annA);
    // Nothing else matches in A: the other conversation stays out.
    assertThat(phones(a.client, "arrivato " + token)).isEmpty();
    // Two letters search names and numbers only (a trigram index needs three).
    assertThat(phones(a.client, "zq")).isEmpty();
  }

  record Account(InboxClient client, String number) {}

  static Account account(String prefix) {
    InboxClient client =
        InboxClient.bearer(
            CRM.admin()
                .set("account", prefix + UUID.randomUUID().toString().substring(0, 8))
                .sign());
    String number = FreshNumbers.us();
    var added = client.post("/api/numbers", InboxClient.twoWayNumber(number));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    return new Account(client, number);
  }

  static List<String> phones(InboxClient client, String q) {
    var answer =
        client.get(
            "/api/inbox/conversations?status=ALL&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> phones = new ArrayList<>();
    for (JsonNode row : answer.json().get("items")) {
      phones.add(row.get("contact").get("phone").asText());
    }
    return phones;
  }
}
