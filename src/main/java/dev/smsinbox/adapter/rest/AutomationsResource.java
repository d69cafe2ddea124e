package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.contacts.ContactPanel;
import dev.smsinbox.domain.crm.Automation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The automations a contact can be added to from the panel. */
@Path("/automations")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AutomationsResource {

  @Inject ContactPanel panel;
  @Inject CurrentCaller caller;

  @GET
  public List<Automation> all() {
    return panel.automations(caller.get());
  }
}
