package dev.smsinbox.adapter.ai;

import dev.smsinbox.adapter.ai.Passages.Passage;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.InboxSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The offline assistant: no network, no key. It finds the FAQ entries and page passages closest in
 * meaning to what the customer just asked (cosine similarity of MiniLM sentence vectors) and
 * composes a draft in the role's words from those texts only, quoted as the admin wrote them. A
 * question nothing answers well enough gets a request for details or a promised follow-up, never a
 * guess: this assistant has no way to invent a fact, a price or a date, because it never writes
 * one.
 */
public class EmbeddedReplyAssistant implements ReplyAssistant {

  /** How close a customer's sentence must be to an FAQ question to use its answer. */
  static final double FAQ_MIN = 0.65;

  /** How close it must be to a page passage to quote it (passages are noisier than FAQ). */
  static final double PASSAGE_MIN = 0.55;

  /** FAQ answers are written as answers; a passage must be clearly closer to beat one. */
  static final double FAQ_BONUS = 0.05;

  private final Embeddings embeddings;

  public EmbeddedReplyAssistant() {
    this(new Embeddings(MiniLm::model));
  }

  EmbeddedReplyAssistant(Embeddings embeddings) {
    this.embeddings = embeddings;
  }

  @Override
  public void prepare(InboxSettings settings) {
    List<String> material = new ArrayList<>();
    for (FaqEntry entry : settings.faq()) {
      material.add(entry.question());
      material.add(faqText(entry));
    }
    Passages.of(settings.pages()).forEach(p -> material.add(p.text()));
    embeddings.prepare(material);
  }

  @Override
  public String draftReply(DraftRequest request, int maxCharacters) {
    InboxSettings settings = request.settings();
    prepare(settings);
    List<FaqEntry> faq = settings.faq();
    List<Passage> passages = Passages.of(settings.pages());

    List<String> answers = new ArrayList<>();
    boolean unanswered = false;
    for (String query : queries(CustomerTurn.latest(request.conversation()))) {
      String answer = bestAnswer(query, faq, passages);
      if (answer == null) {
        unanswered = true;
      } else if (!answers.contains(answer)) {
        answers.add(answer);
      }
    }
    return compose(request, answers, unanswered, maxCharacters);
  }

  @Override
  public String summarize(SummaryRequest request, int maxCharacters) {
    return ExtractiveSummary.of(
        request.contact(), request.messages(), request.notes(), maxCharacters);
  }

  /**
   * The sentences to answer: the questions when the customer asked any ("Hi! Do you deliver on
   * Sundays? Thanks" is one question), else every sentence with some content.
   */
  static List<String> queries(List<String> turn) {
    List<String> sentences = new ArrayList<>();
    turn.forEach(text -> sentences.addAll(Sentences.of(text)));
    List<String> questions =
        sentences.stream().filter(s -> Sentences.isQuestion(s) && Sentences.words(s) >= 2).toList();
    if (!questions.isEmpty()) {
      return questions;
    }
    List<String> statements = sentences.stream().filter(s -> Sentences.words(s) >= 3).toList();
    return statements.isEmpty() ? sentences : statements;
  }

  /** A text that could answer the query, and how close it is. */
  private record Candidate(String text, String matchedAgainst, double score, double minimum) {}

  /**
   * The FAQ answer or passage closest to the query, if close enough and naming no other day, month
   * or number than the query does; FAQ answers win near-ties, being written as answers.
   */
  private String bestAnswer(String query, List<FaqEntry> faq, List<Passage> passages) {
    float[] vector = embeddings.fresh(query);
    List<Candidate> candidates = new ArrayList<>();
    for (FaqEntry entry : faq) {
      double score =
          Math.max(
              Embeddings.cosine(vector, embeddings.material(entry.question())),
              Embeddings.cosine(vector, embeddings.material(faqText(entry))));
      candidates.add(new Candidate(entry.answer(), faqText(entry), score + FAQ_BONUS, FAQ_MIN));
    }
    for (Passage passage : passages) {
      double score = Embeddings.cosine(vector, embeddings.material(passage.text()));
      candidates.add(new Candidate(passage.text(), passage.text(), score, PASSAGE_MIN));
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
    for (Candidate candidate : candidates) {
      if (candidate.score() >= candidate.minimum()
          && Specifics.compatible(query, candidate.matchedAgainst())) {
        return candidate.text();
      }
    }
    return null;
  }

  private static String faqText(FaqEntry entry) {
    return entry.question() + " " + entry.answer();
  }

  private static String compose(
      DraftRequest request, List<String> answers, boolean unanswered, int maxCharacters) {
    InboxSettings settings = request.settings();
    BrandKit kit = settings.brandKit();
    TonePhrases tone = TonePhrases.of(settings.role());
    List<Pattern> avoid = avoided(kit.wordsToAvoid());

    String name = request.contact() == null ? null : request.contact().firstName();
    String greeting =
        allowed(
            name == null || name.isBlank()
                ? tone.greetingNoName()
                : tone.greeting().formatted(name),
            avoid);
    String signOff =
        kit.signOff() != null
            ? kit.signOff()
            : kit.brandName() != null ? "- " + kit.brandName() : "";

    List<String> body = new ArrayList<>();
    String closing = "";
    if (answers.isEmpty()) {
      String noAnswer = allowed(tone.noAnswer(), avoid);
      body.add(noAnswer.isEmpty() ? TonePhrases.PLAIN_NO_ANSWER : noAnswer);
    } else {
      body.addAll(answers);
      if (unanswered) {
        body.add(allowed(tone.followUp(), avoid));
      }
      closing = allowed(tone.closing(), avoid);
    }

    int budget = maxCharacters - (signOff.isEmpty() ? 0 : signOff.length() + 1);
    // Too long: first the pleasantries go, then extra answers, then the first answer is cut.
    if (length(greeting, body, closing) > budget) {
      closing = "";
    }
    if (length(greeting, body, closing) > budget) {
      greeting = "";
    }
    while (length(greeting, body, closing) > budget && body.size() > 1) {
      body.remove(body.size() - 1);
    }
    if (length(greeting, body, closing) > budget) {
      body.set(0, Sentences.clip(body.get(0), Math.max(budget, 20)));
    }
    String text = join(greeting, body, closing);
    return signOff.isEmpty() ? text : text + "\n" + signOff;
  }

  private static int length(String greeting, List<String> body, String closing) {
    return join(greeting, body, closing).length();
  }

  private static String join(String greeting, List<String> body, String closing) {
    List<String> parts = new ArrayList<>();
    parts.add(greeting);
    parts.addAll(body);
    parts.add(closing);
    return String.join(" ", parts.stream().filter(p -> p != null && !p.isBlank()).toList());
  }

  private static List<Pattern> avoided(List<String> words) {
    return words.stream()
        .map(
            w ->
                Pattern.compile(
                    "(?<![\\p{L}\\p{N}])"
                        + Pattern.quote(w.toLowerCase(Locale.ROOT))
                        + "(?![\\p{L}\\p{N}])"))
        .toList();
  }

  /** The assistant's own phrase, or nothing when it uses a word the brand avoids. */
  private static String allowed(String phrase, List<Pattern> avoid) {
    String lower = phrase.toLowerCase(Locale.ROOT);
    return avoid.stream().anyMatch(p -> p.matcher(lower).find()) ? "" : phrase;
  }
}
