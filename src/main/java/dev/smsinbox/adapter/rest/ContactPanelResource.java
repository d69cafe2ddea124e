package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.contacts.ContactPanel;
import dev.smsinbox.application.contacts.ContactRecord;
import dev.smsinbox.application.contacts.DeleteContact;
import dev.smsinbox.application.contacts.SaveContact;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.crm.Account;
import dev.smsinbox.domain.crm.AutomationEnrolment;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.Deal;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The contact panel (F8): the condensed record and its actions, as the plan allows (F9). */
@Path("/contacts")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactPanelResource {

  public record ContactBody(String firstName, String lastName, String phone, String email) {}

  public record TagBody(String name) {}

  public record AccountBody(Long accountId, String name) {}

  public record ListBody(Long listId) {}

  public record AutomationBody(Long automationId) {}

  public record DealBody(String title, BigDecimal value, String currency, String stage) {}

  /** A contact's standing on one SMS list; state NOT_SUBSCRIBED when never on it. */
  public record ListView(
      long id, String name, String state, Consent subscribed, Consent unsubscribed) {
    static ListView of(ListSubscription s) {
      return new ListView(
          s.list().id(),
          s.list().name(),
          s.state() == null ? "NOT_SUBSCRIBED" : s.state().name(),
          s.subscribed(),
          s.unsubscribed());
    }
  }

  public record AutomationView(long id, String name, Instant enrolledAt, String enrolledBy) {
    static AutomationView of(AutomationEnrolment e) {
      return new AutomationView(
          e.automation().id(), e.automation().name(), e.enrolledAt(), e.enrolledBy());
    }
  }

  public record RecordView(
      long id,
      String firstName,
      String lastName,
      String phone,
      String email,
      String profileUrl,
      String plan,
      ContactRecord.Allowed allowed,
      List<Tag> tags,
      Account account,
      List<ListView> lists,
      List<AutomationView> automations,
      List<Deal> deals,
      OptOut optOut) {
    static RecordView of(ContactRecord r) {
      Contact c = r.contact();
      return new RecordView(
          c.id(),
          c.firstName(),
          c.lastName(),
          c.phone(),
          c.email(),
          r.profileUrl(),
          r.plan().name(),
          r.allowed(),
          r.tags(),
          r.account(),
          r.lists().stream().map(ListView::of).toList(),
          r.automations().stream().map(AutomationView::of).toList(),
          r.deals(),
          r.optOut());
    }
  }

  @Inject ContactPanel panel;
  @Inject SaveContact saveContact;
  @Inject DeleteContact deleteContact;
  @Inject CurrentCaller caller;

  /** Create or update (by phone): the host CRM keeps our contact record in step. */
  @POST
  @RolesAllowed({"admin", "crm-service"})
  public Response save(ContactBody body) {
    if (body == null) {
      throw RequestRefused.invalid("Send {firstName, lastName, phone, email}.");
    }
    SaveContact.Saved saved =
        saveContact.save(
            caller.get(), body.firstName(), body.lastName(), body.phone(), body.email());
    return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(saved.contact())
        .build();
  }

  @GET
  @Path("/{id}")
  public RecordView record(@PathParam("id") String id) {
    return RecordView.of(panel.record(caller.get(), contactId(id)));
  }

  /**
   * Deletes the contact's SMS history for real (F10); the contact can be restored without it. The
   * CRM may ask too (a deletion in the CRM really loses the history), for its account's contacts.
   */
  @DELETE
  @Path("/{id}")
  @RolesAllowed({"admin", "crm-service"})
  public Response delete(@PathParam("id") String id) {
    deleteContact.delete(caller.get(), contactId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/restore")
  public Response restore(@PathParam("id") String id) {
    deleteContact.restore(caller.get(), contactId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/tags")
  public Response addTag(@PathParam("id") String id, TagBody body) {
    Tag tag = panel.addTag(caller.get(), contactId(id), body == null ? null : body.name());
    return Response.status(Response.Status.CREATED).entity(tag).build();
  }

  @DELETE
  @Path("/{id}/tags/{tagId}")
  public Response removeTag(@PathParam("id") String id, @PathParam("tagId") String tagId) {
    panel.removeTag(caller.get(), contactId(id), otherId(tagId, "tag"));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/account")
  public Account attach(@PathParam("id") String id, AccountBody body) {
    return panel.attachAccount(
        caller.get(),
        contactId(id),
        body == null ? null : body.accountId(),
        body == null ? null : body.name());
  }

  @DELETE
  @Path("/{id}/account")
  public Response detach(@PathParam("id") String id) {
    panel.detachAccount(caller.get(), contactId(id));
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/lists")
  public List<ListView> lists(@PathParam("id") String id) {
    return panel.lists(caller.get(), contactId(id)).stream().map(ListView::of).toList();
  }

  @POST
  @Path("/{id}/lists")
  public ListView subscribe(@PathParam("id") String id, ListBody body) {
    if (body == null || body.listId() == null) {
      throw RequestRefused.invalid("Send {\"listId\": …}; the contact's record lists the lists.");
    }
    return ListView.of(panel.subscribe(caller.get(), contactId(id), body.listId()));
  }

  @DELETE
  @Path("/{id}/lists/{listId}")
  public ListView unsubscribe(@PathParam("id") String id, @PathParam("listId") String listId) {
    return ListView.of(panel.unsubscribe(caller.get(), contactId(id), otherId(listId, "SMS list")));
  }

  @POST
  @Path("/{id}/automations")
  public Response enrol(@PathParam("id") String id, AutomationBody body) {
    if (body == null || body.automationId() == null) {
      throw RequestRefused.invalid(
          "Send {\"automationId\": …}; GET /api/automations lists the automations.");
    }
    AutomationEnrolment enrolment = panel.enrol(caller.get(), contactId(id), body.automationId());
    return Response.status(Response.Status.CREATED).entity(AutomationView.of(enrolment)).build();
  }

  @DELETE
  @Path("/{id}/automations/{automationId}")
  public Response unenrol(
      @PathParam("id") String id, @PathParam("automationId") String automationId) {
    panel.unenrol(caller.get(), contactId(id), otherId(automationId, "automation"));
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/deals")
  public List<Deal> deals(@PathParam("id") String id) {
    return panel.deals(caller.get(), contactId(id));
  }

  @POST
  @Path("/{id}/deals")
  public Response createDeal(@PathParam("id") String id, DealBody body) {
    NewDeal deal =
        body == null
            ? null
            : new NewDeal(body.title(), body.value(), body.currency(), body.stage());
    return Response.status(Response.Status.CREATED)
        .entity(panel.createDeal(caller.get(), contactId(id), deal))
        .build();
  }

  private static long contactId(String id) {
    return otherId(id, "contact");
  }

  private static long otherId(String id, String what) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw RequestRefused.notFound("There is no " + what + " '" + id + "'.");
    }
  }
}
