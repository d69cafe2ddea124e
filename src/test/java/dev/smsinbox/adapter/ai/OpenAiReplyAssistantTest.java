package dev.smsinbox.adapter.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.ReplyAssistant.DraftRequest;
import dev.smsinbox.application.port.ReplyAssistant.SummaryRequest;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.ToneRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The openai assistant against a local OpenAI-compatible endpoint: the request, the errors. */
class OpenAiReplyAssistantTest {

  FakeChatEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new FakeChatEndpoint();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  ReplyAssistant assistant(String timeout) {
    Map<String, String> config =
        Map.of(
            "base-url",
            endpoint.baseUrl(),
            "api-key",
            "sk-test",
            "model",
            "tiny-model",
            "timeout",
            timeout);
    return assistant(config);
  }

  /** The openai factory needs nothing of the inbox: no context. */
  static ReplyAssistant assistant(Map<String, String> config) {
    OpenAiReplyAssistantFactory factory = new OpenAiReplyAssistantFactory();
    factory.init(key -> Optional.ofNullable(config.get(key)));
    return factory.create(null);
  }

  static final InboxSettings SETTINGS =
      new InboxSettings(
          true,
          true,
          true,
          new BrandKit("Acme Bikes", "Down to earth", "- Acme Bikes", List.of("cheap")),
          ToneRole.EMPATHETIC,
          List.of(
              new FaqEntry(
                  "Do you deliver on Sundays?", "Yes, between 10am and 4pm at no extra cost.")),
          List.of(
              new GroundingPage(
                  "http://example.test/workshop",
                  GroundingPage.Status.FETCHED,
                  null,
                  "The workshop opens at 7:30 on Saturdays.",
                  Instant.now())));

  static DraftRequest request() {
    return new DraftRequest(
        SETTINGS,
        Conversations.ANN,
        Conversations.of("< My bike broke.", "> Sorry to hear!", "< When does the workshop open?"));
  }

  @Test
  void thePromptCarriesTheBrandTheRoleTheMaterialAndTheConversation() {
    endpoint.answer("Hi Ann, the workshop opens at 7:30 on Saturdays.\n- Acme Bikes");

    String draft = assistant("PT5S").draftReply(request(), 440);

    assertThat(draft).isEqualTo("Hi Ann, the workshop opens at 7:30 on Saturdays.\n- Acme Bikes");
    assertThat(endpoint.requests()).hasSize(1);
    FakeChatEndpoint.Request sent = endpoint.requests().get(0);
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.authorization()).isEqualTo("Bearer sk-test");
    JsonNode body = sent.body();
    assertThat(body.get("model").asText()).isEqualTo("tiny-model");
    JsonNode messages = body.get("messages");
    assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).get("content").asText())
        .contains("ONLY the facts")
        .contains("Never invent")
        .contains("Empathetic")
        .contains("Acme Bikes")
        .contains("- Acme Bikes")
        .contains("cheap")
        .contains("Yes, between 10am and 4pm")
        .contains("The workshop opens at 7:30 on Saturdays.")
        .contains("at most 440 characters");
    assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
    assertThat(messages.get(1).get("content").asText())
        .contains("Customer (Ann): My bike broke.")
        .contains("Us: Sorry to hear!")
        .contains("Customer (Ann): When does the workshop open?");
  }

  @Test
  void aSummaryIsKeptWithinItsLength() {
    endpoint.answer("Ann asked about the workshop. ".repeat(30));
    String summary =
        assistant("PT5S")
            .summarize(
                new SummaryRequest(Conversations.ANN, Conversations.of("< hi", "> hello")), 200);
    assertThat(summary.length()).isLessThanOrEqualTo(200);
    assertThat(endpoint.requests().get(0).body().get("messages").get(0).get("content").asText())
        .contains("at most 200 characters");
  }

  @Test
  void anEndpointErrorBecomesABadGatewayWithTheStatus() {
    endpoint.fail(500);
    assertThatThrownBy(() -> assistant("PT5S").draftReply(request(), 440))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RequestRefused.Reason.UPSTREAM_FAILED);
              assertThat(e.getMessage()).contains(endpoint.baseUrl()).contains("HTTP 500");
            });
  }

  @Test
  void aRejectedKeyIsNamedAsTheLikelyCause() {
    endpoint.fail(401);
    assertThatThrownBy(() -> assistant("PT5S").draftReply(request(), 440))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> assertThat(e.getMessage()).contains("HTTP 401").contains("API key"));
  }

  @Test
  void aSlowEndpointBecomesAGatewayTimeout() {
    endpoint.hang();
    assertThatThrownBy(() -> assistant("PT1S").draftReply(request(), 440))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RequestRefused.Reason.UPSTREAM_TIMEOUT);
              assertThat(e.getMessage()).contains("did not answer within 1 seconds");
            });
  }

  @Test
  void anUnreachableEndpointIsABadGateway() {
    String base = endpoint.baseUrl();
    endpoint.close();
    Map<String, String> config = Map.of("base-url", base, "timeout", "PT2S");
    ReplyAssistant assistant = assistant(config);
    assertThatThrownBy(() -> assistant.draftReply(request(), 440))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRefused.Reason.UPSTREAM_FAILED));
  }
}
