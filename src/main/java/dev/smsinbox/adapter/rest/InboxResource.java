package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.InboxQueries.ConversationPage;
import dev.smsinbox.application.ManageSnippets;
import dev.smsinbox.application.TeamInbox;
import dev.smsinbox.application.assistant.SummarizeConversations;
import dev.smsinbox.application.outbound.SendReply;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.CarrierErrors;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationStatus;
import dev.smsinbox.domain.MergeFields;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Note;
import dev.smsinbox.domain.Summary;
import dev.smsinbox.domain.TeamFilter;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsMeasure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The admin's inbox: the list, a conversation, replies, read state and the composer's numbers. */
@Path("/inbox")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

  /**
   * A reply; with {@code sendAt} (ISO-8601 with an offset, e.g. 2026-12-04T09:00:00+01:00) it is
   * scheduled.
   */
  public record TextBody(String text, String sendAt, Boolean quietHoursConfirmed) {}

  /** What makes two replies the same request under one idempotency key. */
  public record ReplyRequest(
      long conversationId, String text, String sendAt, boolean quietHoursConfirmed) {}

  /**
   * A text to measure; with the conversation it is for, priced at its customer's country. Without
   * one, {@code sample} stands in for the conversation's contact and our number, so the saved
   * replies screen shows what a customer would read.
   */
  public record PreviewBody(
      String text, Long conversationId, Long snippetId, SampleContact sample) {}

  /** Made-up values for the merge fields (a blank one behaves as a contact without it). */
  public record SampleContact(
      String firstName, String lastName, String phone, String email, String inboxNumber) {}

  /**
   * One conversation as the centre column shows it.
   *
   * @param cannotReply why the admin cannot answer here (a sender ID, a number that is not
   *     two-way), for the composer to say; null when they can
   */
  public record ConversationView(
      long id,
      Contact contact,
      String senderNumber,
      int unreadCount,
      java.time.Instant lastActivityAt,
      List<JsonObject> messages,
      List<Summary> summaries,
      String cannotReply,
      ConversationStatus status,
      java.time.Instant snoozedUntil,
      Actor assignee,
      List<Note> notes) {}

  /** The composer's counters (F5), from the same code that splits real submits. */
  public record Preview(
      int characters,
      int segments,
      String encoding,
      int perSegment,
      int remainingInSegment,
      long credits,
      String expanded,
      List<String> missing) {}

  @Inject InboxQueries queries;
  @Inject SendReply sendReply;
  @Inject ManageSnippets snippets;
  @Inject SummarizeConversations summaries;
  @Inject IdempotentWrites idempotent;
  @Inject CurrentCaller caller;
  @Inject TeamInbox team;
  @Inject Clock clock;

  @GET
  @Path("/conversations")
  public ConversationPage list(
      @QueryParam("q") String q,
      @QueryParam("unread") String unread,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("status") String status,
      @QueryParam("assignee") String assignee) {
    Caller me = caller.get();
    team.seen(me);
    return queries.list(
        me.accountId(),
        q,
        "true".equalsIgnoreCase(unread),
        teamFilter(me, status, assignee),
        parseLimit(limit),
        cursor);
  }

  /**
   * status: OPEN (the default: open, and snoozed ones whose time came), RESOLVED, SNOOZED or ALL;
   * assignee: me, none, an admin's id, or all (the default).
   */
  private TeamFilter teamFilter(Caller me, String status, String assignee) {
    ConversationStatus wanted = ConversationStatus.OPEN;
    if (status != null && !status.isBlank()) {
      String s = status.strip().toUpperCase(java.util.Locale.ROOT);
      if (s.equals("ALL")) {
        wanted = null;
      } else {
        try {
          wanted = ConversationStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
          throw RequestRefused.invalid(
              "status must be OPEN, RESOLVED, SNOOZED or ALL, not '" + status + "'.");
        }
      }
    }
    String a = assignee == null ? "" : assignee.strip();
    return switch (a.toLowerCase(java.util.Locale.ROOT)) {
      case "", "all" -> new TeamFilter(wanted, null, false, clock.instant());
      case "me" -> new TeamFilter(wanted, me.id(), false, clock.instant());
      case "none" -> new TeamFilter(wanted, null, true, clock.instant());
      default -> new TeamFilter(wanted, a, false, clock.instant());
    };
  }

  /**
   * The team inbox's changes: {@code status} (OPEN, RESOLVED, SNOOZED with {@code snoozedUntil}),
   * {@code assigneeId} (an admin's id, or null for nobody). A field left out is not changed.
   */
  @PATCH
  @Path("/conversations/{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public TeamInbox.Updated change(@PathParam("id") String id, JsonObject body) {
    long conversationId = parseId(id);
    if (body == null) {
      throw RequestRefused.invalid("Give a JSON object: status, snoozedUntil, assigneeId.");
    }
    ConversationStatus status = null;
    if (body.containsKey("status") && !body.isNull("status")) {
      String s = stringField(body, "status");
      try {
        status = ConversationStatus.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw RequestRefused.invalid("status must be OPEN, RESOLVED or SNOOZED, not '" + s + "'.");
      }
    }
    java.time.Instant until = null;
    if (body.containsKey("snoozedUntil") && !body.isNull("snoozedUntil")) {
      String s = stringField(body, "snoozedUntil");
      try {
        until = java.time.OffsetDateTime.parse(s.strip()).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw RequestRefused.invalid(
            "snoozedUntil must be an ISO-8601 time such as 2026-01-31T09:00:00Z, not '" + s + "'.");
      }
    }
    boolean assign = body.containsKey("assigneeId");
    String assigneeId =
        assign && !body.isNull("assigneeId") ? stringField(body, "assigneeId").strip() : null;
    if (assigneeId != null && assigneeId.isEmpty()) {
      assigneeId = null;
    }
    return team.change(
        caller.get(), conversationId, new TeamInbox.Change(status, until, assign, assigneeId));
  }

  private static String stringField(JsonObject body, String name) {
    if (body.get(name) instanceof jakarta.json.JsonString s) {
      return s.getString();
    }
    throw RequestRefused.invalid(name + " must be a string (or null).");
  }

  /** An internal note: 201 with it ({@code direction: "NOTE"}); never sent, costs nothing. */
  @POST
  @Path("/conversations/{id}/notes")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response note(@PathParam("id") String id, TextBody body) {
    Note note = team.note(caller.get(), parseId(id), body == null ? null : body.text());
    return Response.status(201).entity(note).build();
  }

  /** The admin is typing in this conversation: the team's other screens of it say so. */
  @POST
  @Path("/conversations/{id}/typing")
  public Response typing(@PathParam("id") String id) {
    team.typing(caller.get(), parseId(id));
    return Response.noContent().build();
  }

  /** The account's admins the inbox has seen: whom a conversation can be assigned to. */
  @GET
  @Path("/admins")
  public List<Actor> admins() {
    return team.admins(caller.get());
  }

  @GET
  @Path("/conversations/{id}")
  public ConversationView conversation(@PathParam("id") String id) {
    Conversation c = queries.conversation(caller.get().accountId(), parseId(id));
    TeamInbox.Updated state = team.state(caller.get(), c.id());
    return new ConversationView(
        c.id(),
        c.contact(),
        c.senderNumber().number(),
        c.unreadCount(),
        c.lastActivityAt(),
        c.messages().stream().map(InboxResource::withErrorInWords).toList(),
        summaries.of(c.id()),
        c.whyNoReply(),
        state.status(),
        state.snoozedUntil(),
        state.assignee(),
        team.notes(caller.get(), c.id()));
  }

  @POST
  @Path("/conversations/{id}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response reply(
      @PathParam("id") String id, TextBody body, @HeaderParam(IdempotentWrites.HEADER) String key) {
    long conversationId = parseId(id);
    team.seen(caller.get());
    String text = body == null ? null : body.text();
    String sendAt = body == null ? null : body.sendAt();
    Instant when = parseTime("sendAt", sendAt);
    boolean confirmed = body != null && Boolean.TRUE.equals(body.quietHoursConfirmed());
    return idempotent.once(
        new IdempotentWrites.Call(
            "POST /api/inbox/conversations/{id}/messages",
            key,
            caller.get(),
            new ReplyRequest(conversationId, text, sendAt, confirmed)),
        () ->
            new IdempotentWrites.Result(
                202,
                withCredits(sendReply.reply(caller.get(), conversationId, text, when, confirmed))));
  }

  /** Cancels a scheduled message (its credits come back); 409 once it has entered the outbox. */
  @DELETE
  @Path("/messages/{id}")
  public Message cancel(@PathParam("id") String id) {
    return sendReply.cancel(caller.get(), parseId(id));
  }

  /** An ISO-8601 time with an offset or Z; null when absent. */
  static Instant parseTime(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw RequestRefused.invalid(
          field
              + " must be an ISO-8601 time with its offset, such as 2026-12-04T09:00:00+01:00 or"
              + " 2026-12-04T08:00:00Z, not '"
              + value
              + "'.");
    }
  }

  /**
   * Sends a message whose outcome is unknown (error UNKNOWN_OUTCOME) again, as a new message,
   * charging its credits again; 409 for any other message.
   */
  @POST
  @Path("/messages/{id}/resend")
  public Response resend(@PathParam("id") String id) {
    return Response.accepted(withCredits(sendReply.resend(caller.get(), parseId(id)))).build();
  }

  private static final Jsonb JSON = JsonConfig.create();

  /**
   * The queued message as every other resource and event writes it, and the credits it cost (the
   * message itself does not know its price).
   */
  static JsonObject withCredits(SendReply.Queued queued) {
    JsonObject message =
        Json.createReader(new StringReader(JSON.toJson(queued.message()))).readObject();
    return Json.createObjectBuilder(message).add("credits", queued.credits()).build();
  }

  /**
   * The message as every resource writes it, and for a failed one its error in words: {@code
   * errorText} (English) and {@code errorWords} {code, en, it} for the screens.
   */
  static JsonObject withErrorInWords(Message message) {
    JsonObject json = Json.createReader(new StringReader(JSON.toJson(message))).readObject();
    var words = CarrierErrors.explain(message.error());
    if (words.isEmpty()) {
      return json;
    }
    return Json.createObjectBuilder(json)
        .add("errorText", words.get().en())
        .add(
            "errorWords",
            Json.createObjectBuilder()
                .add("code", words.get().code())
                .add("en", words.get().en())
                .add("it", words.get().it()))
        .build();
  }

  @POST
  @Path("/conversations/{id}/read")
  public Response markRead(@PathParam("id") String id) {
    queries.markRead(caller.get().accountId(), parseId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/conversations/{id}/unread")
  public Response markUnread(@PathParam("id") String id) {
    queries.markUnread(caller.get().accountId(), parseId(id));
    return Response.noContent().build();
  }

  @GET
  @Path("/unread-count")
  public Map<String, Long> unreadCount() {
    return Map.of("unread", queries.unreadTotal(caller.get().accountId()));
  }

  @POST
  @Path("/compose/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  public Preview preview(PreviewBody body) {
    Long conversationId = body == null ? null : body.conversationId();
    String text = body == null || body.text() == null ? "" : body.text();
    if (body != null && body.snippetId() != null && text.isEmpty()) {
      // A saved reply as it is, before the admin edits it in the composer.
      text = snippets.find(caller.get(), body.snippetId()).text();
    }
    // The counters, segments and credits are those of what the customer would receive.
    MergeFields.Expansion expansion =
        conversationId == null && body != null && body.sample() != null
            ? sampleExpansion(body.sample(), text)
            : sendReply.expand(caller.get(), conversationId, text);
    SmsMeasure m = SmsComposer.measure(expansion.text());
    long credits = sendReply.price(caller.get().accountId(), conversationId, m);
    return new Preview(
        m.characters(),
        m.segments(),
        m.encoding().name(),
        m.perSegment(),
        m.remainingInSegment(),
        credits,
        expansion.text(),
        expansion.missing());
  }

  private MergeFields.Expansion sampleExpansion(SampleContact sample, String text) {
    Contact contact =
        new Contact(0, sample.firstName(), sample.lastName(), sample.phone(), sample.email());
    return MergeFields.expand(
        text, MergeFields.values(contact, sample.inboxNumber(), caller.get().name()));
  }

  static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw RequestRefused.notFound("There is no conversation '" + id + "'.");
    }
  }

  static Integer parseLimit(String limit) {
    if (limit == null || limit.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw RequestRefused.invalid("limit must be a whole number, not '" + limit + "'.");
    }
  }
}
