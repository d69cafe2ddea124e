package dev.smsinbox.adapter.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.smsinbox.adapter.ai.Passages.Passage;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.InboxSettings;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Drafts and summaries from any OpenAI-compatible chat endpoint. The prompt carries the brand kit,
 * the role, the FAQ entries and page passages most related to the customer's words, and the
 * conversation, with the instruction to stay within them. The endpoint's errors and time-outs
 * become a {@link RequestRefused} the admin can read, never a broken draft.
 */
public class OpenAiReplyAssistant implements ReplyAssistant {

  private static final Logger LOG = Logger.getLogger(OpenAiReplyAssistant.class.getName());

  private final ChatModel model;
  private final String endpoint;
  private final Duration timeout;

  OpenAiReplyAssistant(ChatModel model, String endpoint, Duration timeout) {
    this.model = model;
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  @Override
  public String draftReply(DraftRequest request, int maxCharacters) {
    InboxSettings settings = request.settings();
    String asked = String.join(" ", CustomerTurn.latest(request.conversation()));
    List<FaqEntry> faq =
        settings.faq().size() <= DraftPrompt.MAX_FAQ
            ? settings.faq()
            : Lexical.top(
                asked, settings.faq(), e -> e.question() + " " + e.answer(), DraftPrompt.MAX_FAQ);
    List<Passage> passages =
        Lexical.top(asked, Passages.of(settings.pages()), Passage::text, DraftPrompt.MAX_PASSAGES);
    return chat(
        List.of(
            SystemMessage.from(DraftPrompt.draftSystem(settings, faq, passages, maxCharacters)),
            UserMessage.from(DraftPrompt.draftUser(request.contact(), request.conversation()))));
  }

  @Override
  public String summarize(SummaryRequest request, int maxCharacters) {
    String summary =
        chat(
            List.of(
                SystemMessage.from(DraftPrompt.summarySystem(maxCharacters)),
                UserMessage.from(
                    DraftPrompt.transcript(request.contact(), request.messages())
                        + DraftPrompt.notes(request.notes()))));
    return Sentences.clip(summary, maxCharacters);
  }

  private String chat(List<ChatMessage> messages) {
    ChatResponse response;
    try {
      response = model.chat(messages);
    } catch (RuntimeException e) {
      throw refusal(e);
    }
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    if (text == null || text.isBlank()) {
      throw new RequestRefused(
          RequestRefused.Reason.UPSTREAM_FAILED,
          "The AI service at " + endpoint + " answered with an empty text; try again.");
    }
    return text.strip();
  }

  private RequestRefused refusal(RuntimeException e) {
    LOG.warning(() -> "The AI service at " + endpoint + " failed: " + e);
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return new RequestRefused(
            RequestRefused.Reason.UPSTREAM_TIMEOUT,
            "The AI service at "
                + endpoint
                + " did not answer within "
                + timeout.toSeconds()
                + " seconds. Try again, or write the reply yourself.");
      }
      if (t instanceof HttpException http) {
        String hint =
            http.statusCode() == 401 || http.statusCode() == 403
                ? " Check the API key (AI_OPENAI_API_KEY)."
                : http.statusCode() == 404 ? " Check the model name (AI_OPENAI_MODEL)." : "";
        return new RequestRefused(
            RequestRefused.Reason.UPSTREAM_FAILED,
            "The AI service at " + endpoint + " answered HTTP " + http.statusCode() + "." + hint);
      }
    }
    return new RequestRefused(
        RequestRefused.Reason.UPSTREAM_FAILED,
        "The AI service at " + endpoint + " could not be reached: " + rootMessage(e));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
