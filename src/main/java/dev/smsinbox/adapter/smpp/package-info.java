/**
 * The carrier link: camel-smpp routes and the mapping between SMPP PDUs and the inbox's records.
 * Our own {@link dev.smsinbox.adapter.smpp.InboxSmppBinding} hands every deliver_sm to our code
 * untouched (camel-smpp would decode text lossily and acknowledge receipts it cannot parse without
 * running the route) and submits the exact bytes our codec built. The deliver_sm_resp goes back
 * when the route returns, so the route returns only after the commit.
 */
package dev.smsinbox.adapter.smpp;
