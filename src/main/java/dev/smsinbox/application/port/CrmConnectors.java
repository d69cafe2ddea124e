package dev.smsinbox.application.port;

/**
 * The CRM connector of each CRM account (tenant): made on an account's first use and kept, so what
 * one account's admins do in the contact panel reaches that account's CRM only.
 */
@FunctionalInterface
public interface CrmConnectors {

  CrmConnector forAccount(String accountId);
}
