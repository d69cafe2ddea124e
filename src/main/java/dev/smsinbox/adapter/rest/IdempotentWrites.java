package dev.smsinbox.adapter.rest;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.outbound.SendCrmSms.Progress;
import dev.smsinbox.application.port.IdempotencyKeys;
import dev.smsinbox.application.port.IdempotencyKeys.Answered;
import dev.smsinbox.application.port.IdempotencyKeys.Claim;
import dev.smsinbox.application.port.IdempotencyKeys.Claimed;
import dev.smsinbox.application.port.IdempotencyKeys.Hold;
import dev.smsinbox.application.port.IdempotencyKeys.Lost;
import dev.smsinbox.application.port.IdempotencyKeys.OtherRequest;
import dev.smsinbox.application.port.IdempotencyKeys.Scope;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Message;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code Idempotency-Key} header of the writes that send (CONTRACT.md "Idempotent writes"): the
 * same key with the same request within 24 hours answers the first answer again and sends nothing
 * more; with another request, 422. A second request that comes while the first is still being
 * carried out is answered 409 with {@code Retry-After} at once rather than made to wait: a batch
 * can take minutes, longer than any client waits for an answer.
 *
 * <p>What is kept is what the write answered once it ran: accepted (2xx) or refused by the inbox
 * (4xx: no credit, opted out …), so a lost answer can be asked for again. A failure on our side
 * (5xx) is not kept: it changed nothing (a batch cut short recorded what it queued), so the retry
 * carries the write out — or, for the batch, the rest of it.
 */
public class IdempotentWrites {

  private static final Logger LOG = Logger.getLogger(IdempotentWrites.class.getName());

  public static final String HEADER = "Idempotency-Key";

  /** Said on an answer given again, so a client can tell (the status and body are the first). */
  public static final String REPLAYED = "Idempotent-Replayed";

  private static final int MAX_KEY_LENGTH = 255;
  private static final int IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

  /**
   * One write as the caller asked for it.
   *
   * @param endpoint the method and path template: keys are never shared across endpoints
   * @param key the header's value, null without one
   * @param request what makes two requests the same: the parsed body and the path's ids
   */
  public record Call(String endpoint, String key, Caller caller, Object request) {}

  /** What the write answered: its status and what goes out as JSON. */
  public record Result(int status, Object entity) {}

  /** What goes back: the status, the JSON, whether it is given again, and when to retry. */
  record Answer(int status, String json, boolean replayed, int retryAfterSeconds) {}

  private final IdempotencyKeys keys;
  private final UnitOfWork unitOfWork;
  private final Jsonb json;

  public IdempotentWrites(IdempotencyKeys keys, UnitOfWork unitOfWork, Jsonb json) {
    this.keys = keys;
    this.unitOfWork = unitOfWork;
    this.json = json;
  }

  /**
   * A write of one transaction (a reply, one CRM SMS): it commits with its answer, so a key is
   * never answered without its message nor the other way round. The write throws on a failure.
   */
  public Response once(Call call, Supplier<Result> write) {
    return response(answerOnce(call, write));
  }

  /**
   * A batch, one transaction per recipient: each queued recipient is recorded with its message, and
   * a batch cut short and sent again with its key resumes after them.
   */
  public Response batch(Call call, Function<Progress, Result> write) {
    return response(answerBatch(call, write));
  }

  Answer answerOnce(Call call, Supplier<Result> write) {
    if (call.key() == null) {
      return fresh(write.get());
    }
    Claim claim = keys.claim(scope(call), hash(call.request()));
    if (!(claim instanceof Claimed claimed)) {
      return earlier(claim);
    }
    Hold hold = claimed.hold();
    try {
      // The write's own transaction joins this one: the answer commits with the message.
      return unitOfWork.inTransaction(
          () -> {
            Answer answer = fresh(write.get());
            if (!keys.answer(hold, answer.status(), answer.json())) {
              throw new Lost();
            }
            return answer;
          });
    } catch (RequestRefused refused) {
      return keep(hold, refusal(refused));
    } catch (Lost lost) {
      return inProgress();
    } catch (RuntimeException failure) {
      release(hold);
      throw failure;
    }
  }

  Answer answerBatch(Call call, Function<Progress, Result> write) {
    if (call.key() == null) {
      return fresh(write.apply(Progress.NONE));
    }
    Claim claim = keys.claim(scope(call), hash(call.request()));
    if (!(claim instanceof Claimed claimed)) {
      return earlier(claim);
    }
    Answer answer;
    try {
      answer = fresh(write.apply(new Recorded(claimed)));
    } catch (RequestRefused refused) {
      return keep(claimed.hold(), refusal(refused));
    } catch (RuntimeException failure) {
      release(claimed.hold());
      throw failure;
    }
    return keep(claimed.hold(), answer);
  }

  /** The batch's recipients queued under the key: those of earlier attempts, and new ones. */
  private final class Recorded implements Progress {
    private final Claimed claimed;

    Recorded(Claimed claimed) {
      this.claimed = claimed;
    }

    @Override
    public Optional<Message> queuedEarlier(int position) {
      return Optional.ofNullable(claimed.items().get(position))
          .map(earlier -> json.fromJson(earlier, Message.class));
    }

    @Override
    public void queued(int position, Message message) {
      keys.recordItem(claimed.hold(), position, json.toJson(message));
    }
  }

  /** Stores an answer the write gave (not a failure of ours), then gives it. */
  private Answer keep(Hold hold, Answer answer) {
    if (answer.status() >= 500) {
      release(hold);
      return answer;
    }
    try {
      // False when another request took the key over; it will answer it.
      keys.answer(hold, answer.status(), answer.json());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not store the answer to an idempotent request; a retry after the key's hold"
              + " runs out carries it out again (a batch resumes after what it recorded)",
          e);
    }
    return answer;
  }

  private void release(Hold hold) {
    try {
      keys.release(hold);
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE,
          "Could not release an idempotency key after a failure; it is free once its hold runs out",
          e);
    }
  }

  private Answer earlier(Claim claim) {
    if (claim instanceof Answered answered) {
      return new Answer(answered.status(), answered.body(), true, 0);
    }
    if (claim instanceof OtherRequest) {
      return problem(
          Problem.of(
              422,
              "Idempotency-Key already used",
              "This Idempotency-Key was used in the last 24 hours with another request (another"
                  + " body, or another conversation). A new request needs a new key."),
          0);
    }
    return inProgress();
  }

  private Answer inProgress() {
    return problem(
        Problem.of(
            409,
            "Request in progress",
            "A request with this Idempotency-Key is being carried out (or was cut off a few"
                + " seconds ago). Ask again with the same key in a moment for its answer."),
        IN_PROGRESS_RETRY_AFTER_SECONDS);
  }

  private Answer refusal(RequestRefused refused) {
    return problem(ProblemMappers.problem(refused), 0);
  }

  private Answer problem(Problem problem, int retryAfterSeconds) {
    return new Answer(problem.status(), json.toJson(problem), false, retryAfterSeconds);
  }

  private Answer fresh(Result result) {
    int retryAfter =
        result.status() == 503 ? ProblemMappers.DatabaseUnavailable.RETRY_AFTER_SECONDS : 0;
    return new Answer(result.status(), json.toJson(result.entity()), false, retryAfter);
  }

  static Response response(Answer answer) {
    Response.ResponseBuilder response =
        Response.status(answer.status())
            .type(answer.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
            .entity(answer.json());
    if (answer.replayed()) {
      response.header(REPLAYED, "true");
    }
    if (answer.retryAfterSeconds() > 0) {
      response.header("Retry-After", answer.retryAfterSeconds());
    }
    return response.build();
  }

  private static Scope scope(Call call) {
    return new Scope(call.endpoint(), caller(call.caller()), checked(call.key()));
  }

  /**
   * Whose keys these are: the signed-in person (or the CRM) within their CRM account, so two
   * accounts' keys never meet.
   */
  static String caller(Caller caller) {
    return caller.accountId() + "/" + caller.id();
  }

  /** A key is what a client can put in a header as it is: printable ASCII, a UUID say. */
  static String checked(String key) {
    boolean printable = key.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !printable) {
      throw RequestRefused.invalid(
          HEADER
              + " must be 1 to "
              + MAX_KEY_LENGTH
              + " printable ASCII characters, not all spaces (a UUID is a good choice); this one"
              + " has "
              + key.length()
              + (printable ? "." : ", not all of them printable ASCII."));
    }
    return key;
  }

  /**
   * The request as JSON-B writes it (properties in a fixed order), hashed: equal requests match.
   */
  String hash(Object request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.toJson(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
