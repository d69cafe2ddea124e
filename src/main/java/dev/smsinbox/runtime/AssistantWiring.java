package dev.smsinbox.runtime;

import dev.smsinbox.adapter.ai.EmbeddedReplyAssistantFactory;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcInboxSettingsRepository;
import dev.smsinbox.adapter.persistence.JdbcSummaryRepository;
import dev.smsinbox.adapter.web.JsoupPageReader;
import dev.smsinbox.application.assistant.DraftReply;
import dev.smsinbox.application.assistant.ManageInboxSettings;
import dev.smsinbox.application.assistant.SummarizeConversations;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.ReplyAssistantFactory;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.support.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The AI features (F11–F13): the inbox settings, the reply assistant chosen by {@code ai.provider}
 * among the {@link ReplyAssistantFactory} services (see {@link Extension}; the factory reads {@code
 * ai.<id>.*}), draft replies and background summaries. The assistant is made on first use, so an
 * inbox that never drafts never loads a model.
 */
@ApplicationScoped
public class AssistantWiring {

  private static final Logger LOG = Logger.getLogger(AssistantWiring.class.getName());

  @Inject InboxConfig config;
  @Inject InboxWiring wiring;
  @Inject JdbcInboxEvents events;
  @Inject Clock clock;

  private Extension<ReplyAssistant> assistant;
  private ExecutorService background;

  synchronized ReplyAssistant assistant() {
    if (assistant == null) {
      assistant =
          Extension.open(
              ReplyAssistantFactory.class,
              "ai",
              "provider",
              EmbeddedReplyAssistantFactory.ID,
              config::optional,
              new InboxExtensionContext(wiring.unitOfWork(), clock),
              false);
    }
    return assistant.instance();
  }

  /** One thread for summaries and indexing: they queue instead of competing for the 2 cores. */
  synchronized ExecutorService background() {
    if (background == null) {
      background = Executors.newSingleThreadExecutor(DaemonThreads.named("sms-inbox-assistant"));
    }
    return background;
  }

  @Produces
  @Singleton
  ManageInboxSettings manageInboxSettings() {
    return new ManageInboxSettings(
        wiring.unitOfWork(),
        new JdbcInboxSettingsRepository(wiring.unitOfWork()),
        new JsoupPageReader(
            config.getBoolean("ai.content.allow-private", false),
            contentPorts(),
            config.getDuration("ai.content.timeout", Duration.ofSeconds(5)),
            clock),
        this::prepareInBackground,
        wiring.audit(),
        clock);
  }

  /**
   * ai.content.ports: "80,443" by default; "any" lifts the rule (tests' sites on loopback ports).
   */
  private Set<Integer> contentPorts() {
    String ports = config.get("ai.content.ports", "80,443").strip();
    if (ports.equalsIgnoreCase("any")) {
      return Set.of();
    }
    try {
      return Arrays.stream(ports.split(","))
          .map(String::strip)
          .filter(p -> !p.isEmpty())
          .map(Integer::valueOf)
          .collect(Collectors.toUnmodifiableSet());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "AI_CONTENT_PORTS must list port numbers separated by commas, or say any: " + ports);
    }
  }

  @Produces
  @Singleton
  DraftReply draftReply(ManageInboxSettings settings) {
    return new DraftReply(wiring.unitOfWork(), settings, wiring.conversations(), this::assistant);
  }

  /** Also a MessageHooks.StoredListener: InboxWiring's hooks find it as a CDI bean. */
  @Produces
  @Singleton
  SummarizeConversations summarizeConversations(ManageInboxSettings settings) {
    return new SummarizeConversations(
            wiring.unitOfWork(),
            settings,
            wiring.conversations(),
            new JdbcSummaryRepository(wiring.unitOfWork()),
            events,
            this::assistant,
            command -> background().execute(command),
            clock)
        .notes(new dev.smsinbox.adapter.persistence.JdbcTeamRepository(wiring.unitOfWork()));
  }

  /**
   * The account's inbox settings changed on another instance of the inbox: where the assistant is
   * in use here, its grounding (FAQ and pages) is indexed again in the background, as on the
   * instance that saved them; where it is not, nothing is loaded (the first draft indexes).
   */
  void inboxSettingsChanged(String accountId) {
    synchronized (this) {
      if (assistant == null) {
        return;
      }
    }
    JdbcInboxSettingsRepository repository = new JdbcInboxSettingsRepository(wiring.unitOfWork());
    wiring
        .unitOfWork()
        .inTransaction(() -> repository.find(accountId))
        .ifPresent(this::prepareInBackground);
  }

  private void prepareInBackground(InboxSettings saved) {
    if (!saved.draftReply()) {
      return;
    }
    background()
        .execute(
            () -> {
              try {
                assistant().prepare(saved);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Indexing the draft-reply material failed", e);
              }
            });
  }

  @PreDestroy
  synchronized void close() {
    if (background != null) {
      background.shutdownNow();
      try {
        background.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (assistant != null) {
      assistant.close();
    }
  }
}
