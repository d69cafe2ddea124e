package dev.smsinbox.adapter.ai;

import dev.smsinbox.application.port.ReplyAssistant.DraftRequest;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.ToneRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long the embedded assistant takes to write a draft, after warm-up, with a full set of
 * material (20 FAQ entries, three pages). Not a JUnit test: run it with
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
 *   -Dexec.mainClass=dev.smsinbox.adapter.ai.DraftBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class DraftBenchmark {

  private static final String[] TOPICS = {
    "delivery",
    "returns",
    "warranty",
    "repairs",
    "rentals",
    "gift cards",
    "opening hours",
    "parking",
    "payment",
    "accounts",
    "helmets",
    "e-bikes",
    "kids bikes",
    "tune-ups",
    "tyres",
    "lights",
    "locks",
    "insurance",
    "events",
    "jobs"
  };

  private static final String[] QUESTIONS = {
    "Hi! Do you deliver on Sundays?",
    "Can I return an item I bought last week?",
    "How long does a tune-up take?",
    "What's the weather like on Mars?",
    "Do you rent e-bikes for the weekend? And is a helmet included?",
    "My lock is stuck, can you help?",
    "Is there parking near the shop?",
    "Thanks, that's all. Bye!"
  };

  private DraftBenchmark() {}

  public static void main(String[] args) {
    List<FaqEntry> faq = new ArrayList<>();
    for (String topic : TOPICS) {
      faq.add(
          new FaqEntry(
              "What should I know about " + topic + "?",
              "Our " + topic + " service is explained on our website, ask us anything about it."));
    }
    List<GroundingPage> pages = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 60; i++) {
        String topic = TOPICS[(i + p * 7) % TOPICS.length];
        text.append("About ")
            .append(topic)
            .append(": section ")
            .append(i)
            .append(" of page ")
            .append(p)
            .append(" explains how our ")
            .append(topic)
            .append(" work for customers in the city and what to bring along.\n");
      }
      pages.add(
          new GroundingPage(
              "http://example.test/" + p,
              GroundingPage.Status.FETCHED,
              null,
              text.toString(),
              Instant.now()));
    }
    InboxSettings settings =
        new InboxSettings(
            true,
            false,
            true,
            new BrandKit("Acme Bikes", null, "- Acme Bikes", List.of()),
            ToneRole.FRIENDLY,
            faq,
            pages);

    long loadStart = System.nanoTime();
    EmbeddedReplyAssistant assistant = new EmbeddedReplyAssistant();
    assistant.prepare(settings);
    System.out.printf(
        "model load + indexing %d FAQ entries and %d passages: %d ms%n",
        faq.size(), Passages.of(pages).size(), (System.nanoTime() - loadStart) / 1_000_000);

    for (int i = 0; i < 40; i++) {
      draft(assistant, settings, QUESTIONS[i % QUESTIONS.length]);
    }
    int runs = 400;
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      draft(assistant, settings, QUESTIONS[i % QUESTIONS.length]);
      ms[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(ms);
    System.out.printf(
        "%d drafts after warm-up on %d cores: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
        runs,
        Runtime.getRuntime().availableProcessors(),
        ms[runs / 2] / 1000.0,
        ms[(int) (runs * 0.95)] / 1000.0,
        ms[runs - 1] / 1000.0);
    System.exit(0);
  }

  private static void draft(EmbeddedReplyAssistant assistant, InboxSettings settings, String text) {
    assistant.draftReply(
        new DraftRequest(settings, Conversations.ANN, Conversations.of("< " + text)), 440);
  }
}
