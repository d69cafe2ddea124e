package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.adapter.ai.OpenAiReplyAssistant;
import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.ExtensionContext;
import dev.smsinbox.application.port.ExtensionFactory;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.ReplyAssistantFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Choosing an extension by id among the ServiceLoader's factories: the built-in ones are listed, an
 * unknown id names the setting and the choices, a factory reads only its own scope, and the
 * instance and the factory are closed in that order. The probes are listed in this test's own
 * META-INF/services file.
 */
class ExtensionTest {

  static final List<String> calls = new ArrayList<>();

  @BeforeEach
  void clear() {
    calls.clear();
  }

  /** The reply assistant as the runtime opens it, from these settings. */
  static Extension<ReplyAssistant> assistant(Map<String, String> settings) {
    return open(ReplyAssistantFactory.class, "ai", "provider", "embedded", settings);
  }

  /** A probe of this test's own extension point ({@code probe.kind}, default {@code echo}). */
  static Extension<Probe> probe(Map<String, String> settings) {
    return open(ProbeFactory.class, "probe", "kind", "echo", settings);
  }

  static <T> Extension<T> open(
      Class<? extends ExtensionFactory<T>> type,
      String kind,
      String selector,
      String defaultId,
      Map<String, String> settings) {
    return Extension.open(
        type,
        kind,
        selector,
        defaultId,
        key -> Optional.ofNullable(settings.get(key)),
        null,
        false);
  }

  @Test
  void aBuiltInAssistantIsFoundByItsId() {
    Map<String, String> values =
        Map.of("ai.provider", "openai", "ai.openai.base-url", "http://127.0.0.1:9/v1");
    try (Extension<ReplyAssistant> openai = assistant(values)) {
      assertThat(openai.instance()).isInstanceOf(OpenAiReplyAssistant.class);
    }
  }

  @Test
  void anUnknownIdNamesTheSettingItsEnvVarAndTheIdsThereAre() {
    assertThatThrownBy(() -> assistant(Map.of("ai.provider", "watson")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Setting ai.provider (AI_PROVIDER) must be one of embedded, openai, not 'watson'");
  }

  @Test
  void aBadSettingIsNamedWithItsScopeAndEnvVar() {
    Map<String, String> values = Map.of("ai.provider", "openai", "ai.openai.timeout", "20s");
    assertThatThrownBy(() -> assistant(values))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ai.openai.timeout (AI_OPENAI_TIMEOUT)")
        .hasMessageContaining("not '20s'");
  }

  @Test
  void theDefaultIdServesWhenNoneIsSetAndClosingClosesTheInstanceThenTheFactory() {
    Extension<Probe> probe = probe(Map.of("probe.echo.word", "hello", "probe.other.word", "bye"));
    assertThat(probe.instance().word()).isEqualTo("hello");
    probe.close();
    assertThat(calls).containsExactly("init", "create", "close instance", "close factory");
  }

  @Test
  void aFactoryWhoseCreateFailsIsClosed() {
    assertThatThrownBy(() -> probe(Map.of("probe.kind", "broken"))).hasMessage("cannot create");
    assertThat(calls).containsExactly("create", "close factory");
  }

  @Test
  void twoFactoriesWithOneIdAreRefusedByName() {
    assertThatThrownBy(() -> probe(Map.of("probe.kind", "twin")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("probe.kind (PROBE_KIND)")
        .hasMessageContaining(Twin.class.getName())
        .hasMessageContaining(OtherTwin.class.getName());
  }

  /** What the probes make. */
  public record Probe(String word) implements AutoCloseable {
    @Override
    public void close() {
      calls.add("close instance");
    }
  }

  /** The probes' extension point. */
  public interface ProbeFactory extends ExtensionFactory<Probe> {}

  public static class Echo implements ProbeFactory {
    private String word;

    @Override
    public String id() {
      return "echo";
    }

    @Override
    public void init(ConfigScope config) {
      calls.add("init");
      word = config.get("word", "nothing");
    }

    @Override
    public Probe create(ExtensionContext inbox) {
      calls.add("create");
      return new Probe(word);
    }

    @Override
    public void close() {
      calls.add("close factory");
    }
  }

  public static class Broken implements ProbeFactory {
    @Override
    public String id() {
      return "broken";
    }

    @Override
    public void init(ConfigScope config) {}

    @Override
    public Probe create(ExtensionContext inbox) {
      calls.add("create");
      throw new IllegalStateException("cannot create");
    }

    @Override
    public void close() {
      calls.add("close factory");
    }
  }

  public static class Twin extends Broken {
    @Override
    public String id() {
      return "twin";
    }
  }

  public static class OtherTwin extends Twin {}
}
