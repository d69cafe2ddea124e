package dev.smsinbox.application;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.UnroutedSms;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where features plug into the message flow without the core use cases knowing them: keyword rules
 * (opt-out, help), summaries, integrators. Hooks are looked up at each call, so they may depend on
 * use cases that are built after the core.
 */
public final class MessageHooks {

  /**
   * Runs inside the transaction that files an inbound message (after the carrier was answered, the
   * SMS being safe in the inbound journal): what it changes commits with the message, or not at
   * all. Keep it short.
   */
  public interface InboundHook {
    /**
     * @return the message as the hook left it (the same one when it changed nothing)
     */
    Message onInbound(Message message, Contact contact, SenderNumber number);
  }

  /**
   * Runs inside the transaction that keeps an SMS no conversation takes (one to a number that is
   * not two-way), from a phone number: a customer's STOP counts on every number of ours. Keep it
   * short.
   */
  public interface UnroutedHook {
    /**
     * @param number our number it was sent to
     * @return the SMS as the hook left it (the same one when it changed nothing)
     */
    UnroutedSms onUnrouted(UnroutedSms sms, SenderNumber number);
  }

  /** Told after the transaction that stored a message (inbound or outbound) committed. */
  public interface StoredListener {
    /**
     * @param accountId the account of the message's conversation
     */
    void afterStored(String accountId, Message message);
  }

  /** Asked before an outbound message is queued; may refuse it with a reason. */
  public interface SendGuard {
    /**
     * @throws RequestRefused to refuse the send, with a reason the screen shows
     */
    void check(Contact contact, SenderNumber number, String text);
  }

  private final Supplier<List<InboundHook>> inbound;
  private final Supplier<List<StoredListener>> stored;
  private final Supplier<List<SendGuard>> guards;
  private final Supplier<List<UnroutedHook>> unrouted;

  public MessageHooks(
      Supplier<List<InboundHook>> inbound,
      Supplier<List<StoredListener>> stored,
      Supplier<List<SendGuard>> guards,
      Supplier<List<UnroutedHook>> unrouted) {
    this.inbound = inbound;
    this.stored = stored;
    this.guards = guards;
    this.unrouted = unrouted;
  }

  /** Hooks without any for unrouted SMS. */
  public MessageHooks(
      Supplier<List<InboundHook>> inbound,
      Supplier<List<StoredListener>> stored,
      Supplier<List<SendGuard>> guards) {
    this(inbound, stored, guards, List::of);
  }

  public static MessageHooks none() {
    return new MessageHooks(List::of, List::of, List::of, List::of);
  }

  public Message inbound(Message message, Contact contact, SenderNumber number) {
    Message current = message;
    for (InboundHook hook : inbound.get()) {
      current = hook.onInbound(current, contact, number);
    }
    return current;
  }

  public UnroutedSms unrouted(UnroutedSms sms, SenderNumber number) {
    UnroutedSms current = sms;
    for (UnroutedHook hook : unrouted.get()) {
      current = hook.onUnrouted(current, number);
    }
    return current;
  }

  public void stored(UnitOfWork unitOfWork, String accountId, Message message) {
    unitOfWork.afterCommit(() -> stored.get().forEach(l -> l.afterStored(accountId, message)));
  }

  public void checkSend(Contact contact, SenderNumber number, String text) {
    guards.get().forEach(g -> g.check(contact, number, text));
  }
}
