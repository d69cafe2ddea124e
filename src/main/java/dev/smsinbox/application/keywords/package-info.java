/**
 * Keywords customers text: STOP/START/HELP recognised in an SMS ({@code OptOutKeywords}) with the
 * words and answers of each country ({@code KeywordSettings}), acted on when the SMS is filed
 * ({@code ActOnKeywords}) with the inbox's automatic answers ({@code KeywordReplies}).
 *
 * <p>Rule: an opt-out is recorded in the transaction that files the SMS that asked for it.
 */
package dev.smsinbox.application.keywords;
