package dev.smsinbox.adapter.ai;

import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Note;
import java.util.ArrayList;
import java.util.List;

/**
 * A summary made of the conversation's own sentences: what the customer asked, what we answered
 * last, and which of the customer's questions came after our last reply (still open). It quotes, so
 * it cannot misstate anything.
 */
final class ExtractiveSummary {

  private static final int QUOTE = 90;

  private ExtractiveSummary() {}

  static String of(Contact contact, List<Message> messages, int maxCharacters) {
    return of(contact, messages, List.of(), maxCharacters);
  }

  /** With the team's internal notes (when the account chose so): the latest one is quoted last. */
  static String of(Contact contact, List<Message> messages, List<Note> notes, int maxCharacters) {
    String who = who(contact);
    int lastOutbound = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).direction() == Direction.OUTBOUND) {
        lastOutbound = i;
      }
    }
    List<String> asked = new ArrayList<>();
    List<String> open = new ArrayList<>();
    String lastStatement = null;
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.direction() != Direction.INBOUND) {
        continue;
      }
      for (String sentence : Sentences.of(m.text())) {
        if (Sentences.isQuestion(sentence)) {
          (i > lastOutbound ? open : asked).add(sentence);
        } else if (Sentences.words(sentence) >= 3) {
          lastStatement = sentence;
        }
      }
    }
    List<String> parts = new ArrayList<>();
    List<String> questions = new ArrayList<>(asked);
    questions.addAll(open);
    if (!questions.isEmpty()) {
      parts.add(who + " asked " + quotes(last(questions, 2)) + ".");
    } else if (lastStatement != null) {
      parts.add(who + " wrote " + quote(lastStatement) + ".");
    } else {
      parts.add(who + " sent " + count(messages, Direction.INBOUND) + " messages.");
    }
    if (lastOutbound >= 0) {
      List<String> reply = Sentences.of(messages.get(lastOutbound).text());
      parts.add("We last replied " + quote(reply.isEmpty() ? "" : reply.get(0)) + ".");
    } else {
      parts.add("We have not replied yet.");
    }
    parts.add(open.isEmpty() ? "Nothing is open." : "Still open: " + quotes(last(open, 2)) + ".");
    if (!notes.isEmpty()) {
      List<String> note = Sentences.of(notes.get(notes.size() - 1).text());
      parts.add("Team note: " + quote(note.isEmpty() ? "" : note.get(0)) + ".");
    }
    String summary = String.join(" ", parts);
    return summary.length() <= maxCharacters ? summary : Sentences.clip(summary, maxCharacters);
  }

  private static String who(Contact contact) {
    if (contact == null) {
      return "The customer";
    }
    String name =
        ((contact.firstName() == null ? "" : contact.firstName())
                + " "
                + (contact.lastName() == null ? "" : contact.lastName()))
            .strip();
    return name.isEmpty() ? contact.phone() : name;
  }

  private static List<String> last(List<String> items, int n) {
    return items.subList(Math.max(0, items.size() - n), items.size());
  }

  private static String quotes(List<String> sentences) {
    return String.join(" and ", sentences.stream().map(ExtractiveSummary::quote).toList());
  }

  private static String quote(String sentence) {
    return "\"" + Sentences.clip(sentence, QUOTE) + "\"";
  }

  private static long count(List<Message> messages, Direction direction) {
    return messages.stream().filter(m -> m.direction() == direction).count();
  }
}
