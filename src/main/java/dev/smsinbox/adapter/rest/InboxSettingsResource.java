package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.assistant.ManageInboxSettings;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.ToneRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The inbox's AI switches and what draft replies are grounded in (F11, F12). */
@Path("/settings/inbox")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class InboxSettingsResource {

  /** A page as the settings screen shows it: whether it could be read, not its text. */
  public record PageView(
      String url, GroundingPage.Status status, String detail, int characters, Instant fetchedAt) {}

  public record SettingsView(
      boolean draftReply,
      boolean conversationSummary,
      boolean mistakesAcknowledged,
      BrandKit brandKit,
      String role,
      List<String> urls,
      List<FaqEntry> faq,
      List<PageView> pages,
      boolean summaryIncludesNotes) {

    static SettingsView of(InboxSettings s) {
      return new SettingsView(
          s.draftReply(),
          s.conversationSummary(),
          s.mistakesAcknowledged(),
          s.brandKit(),
          s.role().name(),
          s.pages().stream().map(GroundingPage::url).toList(),
          s.faq(),
          s.pages().stream()
              .map(
                  p -> new PageView(p.url(), p.status(), p.detail(), p.characters(), p.fetchedAt()))
              .toList(),
          s.summaryIncludesNotes());
    }
  }

  public record RoleView(String id, String name, String description) {}

  @Inject ManageInboxSettings settings;
  @Inject CurrentCaller caller;

  @GET
  public SettingsView get() {
    return SettingsView.of(settings.current(caller.get().accountId()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public SettingsView save(ManageInboxSettings.Change change) {
    return SettingsView.of(settings.save(caller.get(), change));
  }

  @GET
  @Path("/roles")
  public List<RoleView> roles() {
    return Arrays.stream(ToneRole.values())
        .map(r -> new RoleView(r.name(), r.label(), r.description()))
        .toList();
  }
}
