package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every delivery receipt is applied exactly once, whatever its timing against the recording of the
 * SMSC id it names (issue 24): before the submit_sm_resp, while the recording's transaction is
 * open, after the link was dropped and bound again, and a thousand at full speed.
 */
class ReceiptTimingIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aReceiptSentBeforeTheSubmitRespIsApplied() {
    long conversation = inbox.conversationWith(FreshNumbers.us());
    inbox.smsc().setReceiptBeforeSubmitResp(true);
    try {
      long id = reply(conversation, "Receipt first " + System.nanoTime());
      awaitDelivered(conversation, id);
    } finally {
      inbox.smsc().setReceiptBeforeSubmitResp(false);
    }
  }

  @Test
  void aReceiptThatArrivesWhileItsSubmitIsBeingRecordedIsApplied() {
    // The test servers hold the recording of a reply to this number open until its receipt has
    // looked for the part and found none (smpp.test.hold-recording-to in the pom).
    String held = System.getProperty("it.hold.number");
    long conversation = inbox.conversationWith(held);
    inbox.smsc().setReceiptDelay(Duration.ZERO);
    try {
      long id = reply(conversation, "Recorded while its receipt came " + System.nanoTime());
      awaitDelivered(conversation, id);
    } finally {
      inbox.smsc().setReceiptDelay(Duration.ofMillis(300));
    }
  }

  @Test
  void aReceiptThatComesAfterTheLinkWasBoundAgainIsApplied() {
    long conversation = inbox.conversationWith(FreshNumbers.us());
    int bindsBefore = inbox.smsc().bindCount();
    inbox.smsc().setReceiptDelay(Duration.ofSeconds(2));
    long id;
    try {
      id = reply(conversation, "Receipt after a new bind " + System.nanoTime());
      await("the SMSC took the reply")
          .atMost(Duration.ofSeconds(20))
          .until(() -> SmsPathIT.status(conversation, id), "SENT"::equals);
      // The session the submit went over ends before its receipt is due; the receipt waits at the
      // SMSC and comes over the next bind.
      inbox.smsc().disconnectAll();
    } finally {
      inbox.smsc().setReceiptDelay(Duration.ofMillis(300));
    }
    await("the link binds again")
        .atMost(Duration.ofSeconds(60))
        .until(() -> inbox.smsc().bindCount() > bindsBefore && inbox.smsc().isBound());
    awaitDelivered(conversation, id);
  }

  @Test
  void aThousandRepliesWithImmediateReceiptsAreAllDelivered() throws Exception {
    int conversations = 50;
    int repliesEach = 20;
    List<Long> threads = new ArrayList<>();
    for (int i = 0; i < conversations; i++) {
      threads.add(inbox.conversationWith(FreshNumbers.us()));
    }
    inbox.smsc().setReceiptDelay(Duration.ZERO);
    try {
      ExecutorService posters = Executors.newFixedThreadPool(8);
      try {
        List<Future<Long>> posted = new ArrayList<>();
        for (int r = 0; r < repliesEach; r++) {
          for (long conversation : threads) {
            String text = "Burst reply " + r + " " + System.nanoTime();
            posted.add(posters.submit(() -> reply(conversation, text)));
          }
        }
        for (Future<Long> f : posted) {
          f.get();
        }
      } finally {
        posters.shutdown();
      }
      // Every reply of every conversation, read back through the API (no sample).
      await("the outbox and the receipts are done")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> !statuses(threads).containsKey("QUEUED"));
      await("every receipt is applied")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !statuses(threads).containsKey("SENT"));
    } finally {
      inbox.smsc().setReceiptDelay(Duration.ofMillis(300));
    }
    Map<String, Integer> counted = statuses(threads);
    System.out.printf(
        "ReceiptTimingIT (%s): %d replies at full speed with immediate receipts: %s%n",
        System.getProperty("it.db.label"), conversations * repliesEach, counted);
    assertThat(counted).containsExactly(Map.entry("DELIVERED", conversations * repliesEach));
  }

  /** How many of the replies in these conversations have each status. */
  private static Map<String, Integer> statuses(List<Long> conversations) {
    Map<String, Integer> counted = new TreeMap<>();
    for (long conversation : conversations) {
      for (JsonNode m :
          inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages")) {
        if ("OUTBOUND".equals(m.get("direction").asText())) {
          counted.merge(m.get("status").asText(), 1, Integer::sum);
        }
      }
    }
    return counted;
  }

  private static long reply(long conversation, String text) {
    var accepted =
        inbox
            .admin()
            .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", text));
    assertThat(accepted.status()).as("reply: %s", accepted.body()).isEqualTo(202);
    return accepted.json().get("id").asLong();
  }

  private static void awaitDelivered(long conversation, long id) {
    await("reply " + id + " is DELIVERED")
        .atMost(Duration.ofSeconds(30))
        .until(() -> SmsPathIT.status(conversation, id), "DELIVERED"::equals);
  }
}
