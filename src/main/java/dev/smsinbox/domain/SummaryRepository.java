package dev.smsinbox.domain;

import java.util.List;

/** Conversation summaries, and the message counts that decide when one is due. */
public interface SummaryRepository {

  /** The conversation's summaries, oldest first. */
  List<Summary> of(long conversationId);

  /**
   * Stores a summary unless the conversation already has one at that message count.
   *
   * @return false when one existed (another instance or an earlier round wrote it)
   */
  boolean add(long conversationId, Summary summary);

  /** The highest message count summarized so far, 0 when none. */
  int lastSummarizedCount(long conversationId);

  /** How many messages the conversation holds, in both directions. */
  int messageCount(long conversationId);
}
