package dev.smsinbox.adapter.ai;

import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What the customer said since we last wrote: the messages a draft reply answers. When we wrote
 * last, the latest customer message is still what the conversation is about.
 */
final class CustomerTurn {

  private CustomerTurn() {}

  static List<String> latest(List<Message> conversation) {
    List<String> turn = new ArrayList<>();
    for (int i = conversation.size() - 1; i >= 0; i--) {
      Message m = conversation.get(i);
      if (m.direction() == Direction.OUTBOUND) {
        if (!turn.isEmpty()) {
          break;
        }
        continue;
      }
      turn.add(0, m.text());
      if (turn.size() == 5) {
        break;
      }
    }
    return turn;
  }
}
