/**
 * The assistant: draft replies ({@code DraftReply}) and conversation summaries ({@code
 * SummarizeConversations}) from a {@code ReplyAssistant}, and the settings that ground them ({@code
 * ManageInboxSettings}: brand kit, role, FAQ, pages).
 *
 * <p>Rule: a draft is only ever a suggestion in the composer; nothing the assistant writes is sent
 * without an admin.
 */
package dev.smsinbox.application.assistant;
