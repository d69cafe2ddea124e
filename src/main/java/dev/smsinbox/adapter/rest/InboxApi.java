package dev.smsinbox.adapter.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "SMS Inbox",
            version = "1",
            description =
                "A two-way SMS inbox for CRM administrators over the company's own SMPP link."))
public class InboxApi extends Application {}
