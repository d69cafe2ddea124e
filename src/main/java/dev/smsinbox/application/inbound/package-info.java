/**
 * SMS from customers: {@code ReceiveSms} (the checks before a deliver_sm is acknowledged: our
 * number, a sender, a size the inbox stores), the {@code InboundWriter} that commits them to the
 * append-only {@code InboundJournal} in batches, the {@code InboundFiler} that files journaled SMS
 * into contacts and conversations, or among the unrouted SMS when their number takes no
 * conversation ({@code InboundBatch}), concatenated parts ({@code ReassembleSms}), which numbers
 * are ours ({@code OurNumbers}), who sent an SMS ({@code Sender}: a phone number or a sender ID)
 * and what an admin sees of SMS outside the conversations ({@code InboundReview}).
 *
 * <p>Rule: an SMS is acknowledged to the carrier only once it is committed to the journal; from
 * then on nothing may lose it (a failure to file keeps it in the journal with its reason, where an
 * admin sees it; an SMS no conversation takes is kept unrouted). What can never be stored is
 * refused before the acknowledgement, with a permanent error.
 */
package dev.smsinbox.application.inbound;
