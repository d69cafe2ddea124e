/**
 * The contact panel and what changes a contact: saving and deleting contacts, tags, lists,
 * automations and deals through the CRM connector ({@code ContactPanel}), opt-outs ({@code
 * OptOutRegistry}, {@code OptOutGuard}) and the record of automation enrolments.
 *
 * <p>Rule: consent is recorded before anything is sent on its strength; a deleted contact's SMS
 * history goes with it.
 */
package dev.smsinbox.application.contacts;
