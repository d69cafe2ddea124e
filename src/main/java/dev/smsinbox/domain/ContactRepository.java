package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where contacts are kept, each in one CRM account: a contact is found only within its account (an
 * id of another account's is not found). Calls run inside the caller's unit of work.
 */
public interface ContactRepository {

  Optional<Contact> find(String accountId, long id);

  Optional<Contact> findByPhone(String accountId, String e164);

  Contact create(
      String accountId, String firstName, String lastName, String e164, String email, Instant at);

  /** New contacts known only by their numbers (customers who texted first), in the order given. */
  List<Contact> createAll(String accountId, List<String> e164s, Instant at);

  /** Replaces the contact's names and email; the phone is the contact's key and stays. */
  Contact update(long id, String firstName, String lastName, String email);

  boolean isDeleted(long id);

  /** Hides the contact until it is restored or writes again; its history is deleted apart. */
  void markDeleted(long id, Instant at);

  void restore(long id);
}
