package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.reports.Reports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * The account's reports (issue 25, CONTRACT {@code GET /api/reports}) for the Reports screen and
 * the host CRM's own dashboards: JSON, or the days as CSV with {@code Accept: text/csv}.
 */
@Path("/reports")
@RequestScoped
@RolesAllowed({"admin", "crm-service"})
public class ReportsResource {

  @Inject Reports reports;
  @Inject CurrentCaller caller;

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response get(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("number") String number,
      @QueryParam("adminId") String adminId,
      @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language,
      @Context HttpHeaders headers) {
    Reports.Report report =
        reports.report(caller.get(), from, to, number, adminId, language(language));
    if (!wantsCsv(headers.getAcceptableMediaTypes())) {
      return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }
    String first = report.days().get(0).date();
    String last = report.days().get(report.days().size() - 1).date();
    return Response.ok(Reports.csv(report), "text/csv; charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"sms-report-" + first + "-to-" + last + ".csv\"")
        .build();
  }

  /**
   * CSV only when the client prefers it to JSON: a client that sends no Accept (or *&#47;*) gets
   * JSON, as the contract's default.
   */
  static boolean wantsCsv(List<MediaType> acceptable) {
    for (MediaType type : acceptable) {
      if (type.isWildcardType()) {
        return false;
      }
      if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
          || type.getSubtype().endsWith("+json")) {
        return false;
      }
    }
    return false;
  }

  /** "it" when Italian comes first in Accept-Language (the screens send their language). */
  static String language(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return "en";
    }
    String first = acceptLanguage.split(",")[0].trim().toLowerCase(Locale.ROOT);
    return first.startsWith("it") ? "it" : "en";
  }
}
