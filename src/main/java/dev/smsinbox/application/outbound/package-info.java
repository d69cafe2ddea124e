/**
 * SMS we send: queueing a reply or a CRM send with its credits ({@code OutboundQueue}, {@code
 * SendReply}, {@code SendCrmSms}), the outbox that submits parts within the carrier's rate and
 * window ({@code DispatchOutbox}, {@code SubmitPacer}, {@code OutboxWorker}), and what the carrier
 * says back ({@code OutboundStatus}, {@code RecordDeliveryReceipt}).
 *
 * <p>Rule: one conversation's messages leave in the order they were queued; a message's status only
 * moves forward.
 */
package dev.smsinbox.application.outbound;
