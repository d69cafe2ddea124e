package dev.smsinbox.runtime.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.smsinbox.runtime.simulator.SmscSimulator.PduRecord;
import dev.smsinbox.runtime.simulator.SmscSimulator.Submission;
import dev.smsinbox.sms.Concatenation;
import dev.smsinbox.sms.InboundPart;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionLogTest {

  private static SubmittedPart part(String id, String to, String text, Concatenation c) {
    return new SubmittedPart(
        id,
        SmppAddress.of("100"),
        SmppAddress.of(to),
        new PduRecord(id, (byte) 0, (byte) 0, (byte) 0, new byte[0]),
        new InboundPart(text, c),
        Instant.now(),
        null,
        null,
        null);
  }

  @Test
  void keepsTheNewestThousandNewestFirst() {
    SubmissionLog log = new SubmissionLog();
    for (int i = 0; i < SubmissionLog.CAPACITY + 5; i++) {
      log.add(part(Integer.toString(i), "200", "text " + i, null));
    }

    List<Submission> all = log.snapshot();
    assertEquals(SubmissionLog.CAPACITY, all.size());
    assertEquals("text 1004", all.get(0).text());
    assertEquals("text 5", all.get(all.size() - 1).text());
  }

  @Test
  void keepsPartsOfDifferentRecipientsApartUnderOneReference() {
    SubmissionLog log = new SubmissionLog();
    assertNull(log.add(part("1", "201", "A2", new Concatenation(9, 2, 2))));
    assertNull(log.add(part("2", "202", "B1", new Concatenation(9, 2, 1))));
    assertEquals("A1A2", log.add(part("3", "201", "A1", new Concatenation(9, 2, 1))));
    assertEquals("B1B2", log.add(part("4", "202", "B2", new Concatenation(9, 2, 2))));

    Submission a = log.snapshot().get(1);
    assertEquals(List.of("3", "1"), a.messageIds());
    assertEquals(2, a.parts());
  }
}
