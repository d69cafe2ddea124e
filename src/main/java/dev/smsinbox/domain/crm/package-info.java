/**
 * The host CRM's vocabulary as the contact panel shows it: tags, accounts, SMS opt-in lists and
 * their consent records, automations, deals, and the plan that decides which of them an account may
 * use. The CRM owns these; the inbox reaches them through the CrmConnector port.
 */
package dev.smsinbox.domain.crm;
