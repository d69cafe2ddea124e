package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.InboxSettingsRepository;
import dev.smsinbox.domain.ToneRole;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Inbox settings in inbox_settings, with their FAQ and pages in child tables. */
public class JdbcInboxSettingsRepository implements InboxSettingsRepository {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;

  public JdbcInboxSettingsRepository(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<InboxSettings> find(String accountId) {
    List<FaqEntry> faq =
        sql.query(
            "select question, answer from inbox_settings_faq where account_id = ? order by ordinal",
            rs -> new FaqEntry(rs.getString(1), rs.getString(2)),
            accountId);
    List<GroundingPage> pages =
        sql.query(
            "select url, status, detail, content, fetched_at from inbox_settings_page"
                + " where account_id = ? order by ordinal",
            rs ->
                new GroundingPage(
                    rs.getString("url"),
                    GroundingPage.Status.valueOf(rs.getString("status")),
                    rs.getString("detail"),
                    rs.getString("content"),
                    Sql.instant(rs, "fetched_at")),
            accountId);
    return sql.one(
        "select draft_reply, conversation_summary, mistakes_acknowledged, brand_name, brand_voice,"
            + " brand_sign_off, words_to_avoid, tone_role, summary_includes_notes from inbox_settings"
            + " where account_id = ?",
        rs ->
            new InboxSettings(
                rs.getBoolean("draft_reply"),
                rs.getBoolean("conversation_summary"),
                rs.getBoolean("mistakes_acknowledged"),
                new BrandKit(
                    rs.getString("brand_name"),
                    rs.getString("brand_voice"),
                    rs.getString("brand_sign_off"),
                    lines(rs.getString("words_to_avoid"))),
                ToneRole.named(rs.getString("tone_role")).orElse(ToneRole.FRIENDLY),
                faq,
                pages,
                rs.getBoolean("summary_includes_notes")),
        accountId);
  }

  @Override
  public void save(String accountId, InboxSettings settings, Instant at) {
    BrandKit kit = settings.brandKit();
    String words = String.join("\n", kit.wordsToAvoid());
    Object[] columns = {
      settings.draftReply(),
      settings.conversationSummary(),
      settings.mistakesAcknowledged(),
      kit.brandName(),
      kit.voice(),
      kit.signOff(),
      words,
      settings.role(),
      settings.summaryIncludesNotes(),
      at,
      accountId
    };
    int updated =
        sql.update(
            "update inbox_settings set draft_reply = ?, conversation_summary = ?,"
                + " mistakes_acknowledged = ?, brand_name = ?, brand_voice = ?, brand_sign_off = ?,"
                + " words_to_avoid = ?, tone_role = ?, summary_includes_notes = ?, updated_at = ?"
                + " where account_id = ?",
            columns);
    if (updated == 0) {
      sql.update(
          "insert into inbox_settings (draft_reply, conversation_summary, mistakes_acknowledged,"
              + " brand_name, brand_voice, brand_sign_off, words_to_avoid, tone_role,"
              + " summary_includes_notes, updated_at, account_id)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          columns);
    }
    sql.update("delete from inbox_settings_faq where account_id = ?", accountId);
    sql.update("delete from inbox_settings_page where account_id = ?", accountId);
    for (int i = 0; i < settings.faq().size(); i++) {
      FaqEntry entry = settings.faq().get(i);
      sql.update(
          "insert into inbox_settings_faq (account_id, ordinal, question, answer)"
              + " values (?, ?, ?, ?)",
          accountId,
          i,
          entry.question(),
          entry.answer());
    }
    for (int i = 0; i < settings.pages().size(); i++) {
      GroundingPage page = settings.pages().get(i);
      sql.update(
          "insert into inbox_settings_page (account_id, ordinal, url, status, detail, content,"
              + " fetched_at) values (?, ?, ?, ?, ?, ?, ?)",
          accountId,
          i,
          page.url(),
          page.status(),
          page.detail(),
          page.text(),
          page.fetchedAt());
    }
    AccountChanges.changed(unitOfWork, sql, accountId, AccountChanges.INBOX_SETTINGS, at);
  }

  private static List<String> lines(String text) {
    return text == null || text.isBlank()
        ? List.of()
        : Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
  }
}
