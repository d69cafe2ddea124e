/**
 * SMS from customers: {@code ReceiveSms} (the checks before a deliver_sm is acknowledged), the
 * {@code InboundWriter} that commits them to the append-only {@code InboundJournal} in batches, the
 * {@code InboundFiler} that files journaled SMS into contacts and conversations ({@code
 * InboundBatch}), concatenated parts ({@code ReassembleSms}) and which of our numbers are two-way
 * ({@code TwoWayNumbers}).
 *
 * <p>Rule: an SMS is acknowledged to the carrier only once it is committed to the journal; from
 * then on nothing may lose it (a refusal to file keeps it in the journal with its reason).
 */
package dev.smsinbox.application.inbound;
