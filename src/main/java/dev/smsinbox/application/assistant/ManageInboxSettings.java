package dev.smsinbox.application.assistant;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.PageReader;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.InboxSettingsRepository;
import dev.smsinbox.domain.ToneRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reading and saving the inbox's AI settings (F11, F12). A save is checked as a whole, then each
 * allowed page is fetched (outside any transaction: the web is slow) and its text stored with the
 * settings, so drafts read the pages as they were when the admin saved them.
 *
 * <p>Settings are kept per CRM account (tenant): an admin reads and saves their account's.
 */
public class ManageInboxSettings {

  static final int MAX_FAQ = 50;
  static final int MAX_QUESTION = 300;
  static final int MAX_ANSWER = 1000;
  static final int MAX_WORDS_TO_AVOID = 50;

  /** What an admin saves; absent switches are off, an absent role is Friendly. */
  public record Change(
      Boolean draftReply,
      Boolean conversationSummary,
      Boolean mistakesAcknowledged,
      BrandKit brandKit,
      String role,
      List<String> urls,
      List<FaqEntry> faq,
      Boolean summaryIncludesNotes) {}

  private final UnitOfWork unitOfWork;
  private final InboxSettingsRepository settings;
  private final PageReader pages;
  private final Consumer<InboxSettings> onSaved;
  private final Audit audit;
  private final Clock clock;

  /**
   * @param onSaved told of the saved settings after the commit (the assistant indexes them)
   */
  public ManageInboxSettings(
      UnitOfWork unitOfWork,
      InboxSettingsRepository settings,
      PageReader pages,
      Consumer<InboxSettings> onSaved,
      Audit audit,
      Clock clock) {
    this.audit = audit;
    this.unitOfWork = unitOfWork;
    this.settings = settings;
    this.pages = pages;
    this.onSaved = onSaved;
    this.clock = clock;
  }

  public InboxSettings current(String accountId) {
    return unitOfWork.inTransaction(
        () -> settings.find(accountId).orElseGet(InboxSettings::defaults));
  }

  /** Saves the caller's account's settings, recorded in its audit. */
  public InboxSettings save(Caller caller, Change change) {
    if (change == null) {
      throw RequestRefused.invalid("Send the inbox settings as a JSON object.");
    }
    boolean draftReply = Boolean.TRUE.equals(change.draftReply());
    boolean acknowledged = Boolean.TRUE.equals(change.mistakesAcknowledged());
    if (draftReply && !acknowledged) {
      throw RequestRefused.invalid(
          "Draft reply can only be turned on after ticking that you understand the AI can make"
              + " mistakes and that you review every reply before it is sent"
              + " (mistakesAcknowledged: true).");
    }
    ToneRole role = role(change.role());
    BrandKit brandKit = brandKit(change.brandKit());
    List<FaqEntry> faq = faq(change.faq());
    List<String> urls = urls(change.urls());

    List<GroundingPage> fetched = urls.stream().map(pages::read).toList();
    InboxSettings saved =
        new InboxSettings(
            draftReply,
            Boolean.TRUE.equals(change.conversationSummary()),
            acknowledged,
            brandKit,
            role,
            faq,
            fetched,
            Boolean.TRUE.equals(change.summaryIncludesNotes()));
    unitOfWork.run(
        () -> {
          settings.save(caller.accountId(), saved, clock.instant());
          audit.record(
              caller,
              "settings.saved",
              null,
              null,
              "Inbox settings saved: Draft reply "
                  + (saved.draftReply() ? "on" : "off")
                  + ", Conversation summary "
                  + (saved.conversationSummary() ? "on" : "off")
                  + (saved.summaryIncludesNotes() ? " (with internal notes)" : "")
                  + ", "
                  + saved.faq().size()
                  + " FAQ, "
                  + saved.pages().size()
                  + " page(s)");
        });
    onSaved.accept(saved);
    return saved;
  }

  private static ToneRole role(String name) {
    if (name == null || name.isBlank()) {
      return ToneRole.FRIENDLY;
    }
    return ToneRole.named(name)
        .orElseThrow(
            () ->
                RequestRefused.invalid(
                    "There is no role '"
                        + name
                        + "'. Choose one of: "
                        + Arrays.stream(ToneRole.values())
                            .map(Enum::name)
                            .collect(Collectors.joining(", "))
                        + "."));
  }

  private static BrandKit brandKit(BrandKit kit) {
    if (kit == null) {
      return BrandKit.empty();
    }
    List<String> words =
        kit.wordsToAvoid().stream()
            .filter(w -> w != null && !w.isBlank())
            .map(String::strip)
            .distinct()
            .toList();
    if (words.size() > MAX_WORDS_TO_AVOID) {
      throw RequestRefused.invalid(
          "The brand kit lists " + words.size() + " words to avoid; at most " + MAX_WORDS_TO_AVOID);
    }
    return new BrandKit(
        text(kit.brandName(), "brand name", 100),
        text(kit.voice(), "voice description", 500),
        text(kit.signOff(), "sign-off", 100),
        words);
  }

  private static List<FaqEntry> faq(List<FaqEntry> entries) {
    if (entries == null) {
      return List.of();
    }
    if (entries.size() > MAX_FAQ) {
      throw RequestRefused.invalid(
          "There are " + entries.size() + " frequent questions; at most " + MAX_FAQ + " fit.");
    }
    List<FaqEntry> clean = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      FaqEntry entry = entries.get(i);
      String question = entry == null ? null : text(entry.question(), "question", MAX_QUESTION);
      String answer = entry == null ? null : text(entry.answer(), "answer", MAX_ANSWER);
      if (question == null || answer == null) {
        throw RequestRefused.invalid(
            "Frequent question " + (i + 1) + " needs both a question and an answer.");
      }
      clean.add(new FaqEntry(question, answer));
    }
    return clean;
  }

  private static List<String> urls(List<String> given) {
    if (given == null) {
      return List.of();
    }
    LinkedHashSet<String> urls = new LinkedHashSet<>();
    for (String url : given) {
      if (url != null && !url.isBlank()) {
        urls.add(checkedUrl(url.strip()));
      }
    }
    if (urls.size() > InboxSettings.MAX_PAGES) {
      throw RequestRefused.invalid(
          "Draft replies can use at most "
              + InboxSettings.MAX_PAGES
              + " web pages; "
              + urls.size()
              + " were given.");
    }
    return List.copyOf(urls);
  }

  private static String checkedUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && url.length() <= 2000) {
        return url;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw RequestRefused.invalid("'" + url + "' is not an http(s) web address.");
  }

  private static String text(String value, String what, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String clean = value.strip();
    if (clean.length() > max) {
      throw RequestRefused.invalid(
          "The " + what + " is " + clean.length() + " characters long; at most " + max + ".");
    }
    return clean;
  }
}
