/**
 * The ActiveCampaign connector ({@code crm.connector=activecampaign}): the contact panel on
 * ActiveCampaign's API v3 over {@link java.net.http.HttpClient} and JSON-P. {@link
 * ActiveCampaignApi} is the wire (the Api-Token header, the 5 requests a second pacing, 429 with
 * Retry-After, time-outs, wrapped objects and paging); {@link ActiveCampaignConnector} maps the
 * panel onto its resources and keeps, in our database, the link between our contact and the CRM's
 * and what the CRM does not record of a change made from the inbox (V21).
 */
package dev.smsinbox.adapter.crm.activecampaign;
