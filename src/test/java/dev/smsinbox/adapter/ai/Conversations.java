package dev.smsinbox.adapter.ai;

import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small conversations for the assistants' tests: "<" is the customer, ">" is us. */
final class Conversations {

  static final Contact ANN = new Contact(1, "Ann", "Lee", "+14155550101", null);

  private Conversations() {}

  static List<Message> of(String... lines) {
    List<Message> messages = new ArrayList<>();
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    for (String line : lines) {
      boolean inbound = line.startsWith("<");
      messages.add(
          new Message(
              messages.size() + 1,
              7,
              inbound ? Direction.INBOUND : Direction.OUTBOUND,
              line.substring(1).strip(),
              at = at.plusSeconds(60),
              inbound ? MessageStatus.RECEIVED : MessageStatus.DELIVERED,
              1,
              "GSM7",
              null,
              null,
              null,
              false,
              null,
              null,
              null));
    }
    return messages;
  }
}
