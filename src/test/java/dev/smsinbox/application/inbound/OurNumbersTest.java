package dev.smsinbox.application.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.application.NoDatabase;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the acknowledgement path asks the database about our numbers, batch after batch. */
class OurNumbersTest {

  private static final String OURS = "+14155550100";

  /** Our numbers as the database holds them, counting how often it is asked. */
  private static final class Numbers implements SenderNumberRepository {
    final Map<String, SenderNumber> rows = new HashMap<>();
    int reads;

    @Override
    public Optional<SenderNumber> findByNumber(String e164) {
      reads++;
      return Optional.ofNullable(rows.get(e164));
    }

    @Override
    public Optional<SenderNumber> find(long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<SenderNumber> all(String accountId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SenderNumber save(
        String accountId,
        String e164,
        String country,
        boolean dedicated,
        boolean registered,
        Instant at) {
      throw new UnsupportedOperationException();
    }
  }

  private final Numbers numbers = new Numbers();
  private final AtomicLong nanos = new AtomicLong();
  private final OurNumbers ours =
      new OurNumbers(NoDatabase.INSTANCE, numbers, Duration.ofSeconds(5), nanos::get);

  @Test
  void aBusyLinkAsksTheDatabaseAboutOurNumberOnceInFiveSeconds() {
    // Not two-way: an SMS to any number of ours is kept, so any of ours is remembered.
    numbers.rows.put(OURS, new SenderNumber(1, "default", OURS, "US", true, false));

    for (int batch = 0; batch < 100; batch++) {
      assertThat(ours.find(OURS)).map(SenderNumber::id).contains(1L);
      nanos.addAndGet(Duration.ofMillis(40).toNanos());
    }
    assertThat(numbers.reads).isEqualTo(1);

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    ours.find(OURS);
    assertThat(numbers.reads).isEqualTo(2);
  }

  @Test
  void aNumberJustRegisteredCountsAtOnce() {
    assertThat(ours.find(OURS)).isEmpty();
    assertThat(ours.find(OURS)).isEmpty();

    numbers.rows.put(OURS, new SenderNumber(1, "default", OURS, "US", true, true));

    assertThat(ours.find(OURS)).map(SenderNumber::isTwoWay).contains(true);
    assertThat(numbers.reads).isEqualTo(3);
  }
}
