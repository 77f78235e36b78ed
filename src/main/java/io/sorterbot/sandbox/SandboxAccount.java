package io.sorterbot.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sorterbot.model.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The state of the simulated AWS account (id {@value #ACCOUNT_ID}), for every simulated service, persisted
 * as JSON in {@code DIR/account.json}.
 *
 * <h2>State model</h2>
 * The file holds:
 * <pre>{@code
 * { "format": 1, "accountId": "123456789012", "sequence": 42, "createdAt": "2026-01-01T00:00:00Z",
 *   "services": { "ec2": { "eu-west-1": { ...Ec2State... } },
 *                 "iam": { "global":    { ...IamState... } } } }
 * }</pre>
 * Each service owns one plain Jackson-mapped state class per scope (a region, or {@value #GLOBAL} for global
 * services such as IAM) and asks for it with {@link #state(String, String, Class)} (or
 * {@link #regionalState(String, Class)}) inside an operation. The state object is materialised from the
 * JSON on first use and written back on every save; a service must not keep it across operations (a failed
 * mutation or a reload replaces it). State classes should use public fields, sorted maps keyed by id and
 * a creation timestamp from {@link #now()} as an ISO-8601 string. Services that have no state yet leave the
 * JSON of others untouched, so services can be added one by one.
 *
 * <h2>Ids</h2>
 * {@link #newId(String)} gives {@code prefix-} plus 17 hex digits of a counter persisted in the file
 * ({@code vpc-0000000000000001a}), shared by all prefixes, so ids are deterministic per account.
 *
 * <h2>Concurrency and persistence</h2>
 * One lock guards the whole account: {@link #read} and {@link #mutate} run their operation under it.
 * {@code mutate} saves after the operation succeeds (write to a temporary file, then an atomic move), and
 * when it throws, it restores the state as last saved, so a failed call changes nothing. Before each
 * operation the file is re-read if another process changed it since, so separate processes see the same
 * account; there is no lock across processes (two processes mutating at the very same time may lose one
 * update).
 *
 * <h2>Dependency hooks</h2>
 * A resource of one service can block the deletion of another's (an RDS instance's network interface blocks
 * deleting its subnet). A service registers a finder with {@link #registerDependents}; the owner of the
 * resource calls {@link #dependentsOf} before deleting and answers {@code DependencyViolation} when it is
 * not empty. Keys used by the EC2 fake: ({@code ec2}, {@code vpc}), ({@code ec2}, {@code subnet}),
 * ({@code ec2}, {@code security-group}) by id, and ({@code ec2}, {@code vpc-public-addresses}) by VPC id
 * (public addresses mapped in the VPC block detaching its internet gateway).
 */
public final class SandboxAccount {
  public static final String ACCOUNT_ID = "123456789012";
  public static final String FILE_NAME = "account.json";
  public static final String GLOBAL = "global";
  private static final int FORMAT = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final Path dir;
  private final Path file;
  private final String region;
  private final Ticker ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();

  /** The JSON as last loaded or saved: what a failed mutation returns to. Never mutated in place. */
  private ObjectNode saved;
  /** States materialised from {@link #saved}, by "service/scope". */
  private final Map<String, Object> live = new LinkedHashMap<>();
  private long sequence;
  private FileStamp stamp;
  private int depth;
  private boolean dirty;

  private record Hook(String service, String type, Function<String, List<String>> finder) {}

  private record FileStamp(long modifiedNanos, long size, Object key) {}

  private SandboxAccount(Path dir, String region, Ticker ticker) {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.region = region;
    this.ticker = ticker;
  }

  /** Opens the account kept in {@code dir} (created if needed); an absent file is an empty account. */
  public static SandboxAccount open(Path dir, String region, Ticker ticker) {
    SandboxAccount a = new SandboxAccount(dir, region, ticker);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox directory " + dir, e);
    }
    a.lock.lock();
    try {
      a.load();
    } finally {
      a.lock.unlock();
    }
    return a;
  }

  public String accountId() { return ACCOUNT_ID; }

  public String region() { return region; }

  public Path dir() { return dir; }

  public Path file() { return file; }

  public Ticker ticker() { return ticker; }

  /**
   * When the account was made (its first open, on the account's ticker), or null for an account saved before
   * the sandbox kept it: a fresh account lacks what AWS sets up on first use (ECS's service-linked role).
   */
  public Instant createdAt() {
    lock.lock();
    try {
      JsonNode c = saved.get("createdAt");
      return c == null || !c.isTextual() ? null : Instant.parse(c.asText());
    } finally {
      lock.unlock();
    }
  }

  /** The current time of the account's ticker (creation timestamps, consistency lag). */
  public Instant now() { return ticker.now(); }

  /** True once {@code lag} has passed since {@code createdAt} (an ISO instant; null counts as long ago). */
  public boolean settled(String createdAt, Duration lag) {
    if (lag.isZero() || createdAt == null) return true;
    return !Instant.parse(createdAt).plus(lag).isAfter(now());
  }

  /** Runs a read-only operation under the account lock. */
  public <T> T read(Supplier<T> op) {
    lock.lock();
    try {
      if (depth == 0) refreshFromDisk();
      depth++;
      try {
        return op.get();
      } finally {
        depth--;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a mutating operation under the account lock; the outermost one saves after success and, if the
   * operation throws, restores the state as last saved and rethrows.
   */
  public <T> T mutate(Supplier<T> op) { return mutate(op, () -> { }); }

  /**
   * As {@link #mutate(Supplier)}, then runs {@code afterSave} still under the lock, so that nothing else
   * reaches the account between the save and it (the crash point counts saved mutations exactly).
   */
  public <T> T mutate(Supplier<T> op, Runnable afterSave) {
    lock.lock();
    try {
      boolean outer = depth == 0;
      if (outer) refreshFromDisk();
      depth++;
      T result;
      try {
        result = op.get();
        dirty = true;
      } catch (RuntimeException | Error e) {
        if (outer) rollback();
        throw e;
      } finally {
        depth--;
      }
      if (outer && dirty) save();
      if (outer) afterSave.run();
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** The state of {@code service} in this account's region. Only inside {@link #read} / {@link #mutate}. */
  public <T> T regionalState(String service, Class<T> type) { return state(service, region, type); }

  /**
   * The state of {@code service} in {@code scope} (a region or {@link #GLOBAL}), created empty (no-arg
   * constructor) if absent. Only inside {@link #read} / {@link #mutate}; do not keep it across operations.
   */
  public <T> T state(String service, String scope, Class<T> type) {
    requireLocked();
    String key = service + "/" + scope;
    Object s = live.get(key);
    if (s == null) {
      JsonNode node = saved.path("services").path(service).get(scope);
      try {
        s = node == null || node.isNull() ? type.getDeclaredConstructor().newInstance() : MAPPER.treeToValue(node, type);
      } catch (IOException e) {
        throw new IllegalStateException("sandbox state " + key + " in " + file + " is unreadable: " + e.getMessage(), e);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("sandbox state class " + type.getName() + " needs a public no-arg constructor", e);
      }
      live.put(key, s);
    }
    if (!type.isInstance(s)) {
      throw new IllegalStateException("sandbox state " + key + " is a " + s.getClass().getName() + ", not " + type.getName());
    }
    return type.cast(s);
  }

  /** A new id: {@code prefix-} and 17 hex digits of the account's counter, e.g. {@code vpc-0000000000000001a}. */
  public String newId(String prefix) { return String.format("%s-%017x", prefix, nextSequence()); }

  /** The next value of the account's persisted counter. Only inside {@link #mutate}. */
  public long nextSequence() {
    requireLocked();
    return ++sequence;
  }

  /** Registers a finder of resources that depend on a resource of another service (see the class comment). */
  public void registerDependents(String service, String type, Function<String, List<String>> finder) {
    hooks.add(new Hook(service, type, finder));
  }

  /** Descriptions of the resources that depend on ({@code service}, {@code type}, {@code id}); empty if none. */
  public List<String> dependentsOf(String service, String type, String id) {
    List<String> out = new ArrayList<>();
    for (Hook h : hooks) {
      if (h.service.equals(service) && h.type.equals(type)) {
        List<String> found = h.finder.apply(id);
        if (found != null) out.addAll(found);
      }
    }
    return out;
  }

  /** Re-reads the file, dropping unsaved in-memory state. */
  public void reload() {
    lock.lock();
    try {
      load();
    } finally {
      lock.unlock();
    }
  }

  /** The account as JSON, as it would be saved now (for debugging and golden files). */
  public String toJson() {
    lock.lock();
    try {
      return MAPPER.writeValueAsString(snapshotTree());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  static ObjectMapper mapper() { return MAPPER; }

  // ---------------------------------------------------------------------------------------------------

  private void requireLocked() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("sandbox state is accessed outside SandboxAccount.read/mutate");
    }
  }

  private void load() {
    live.clear();
    dirty = false;
    try {
      FileStamp before = stampOf();
      if (before == null) {
        saved = emptyTree();
        sequence = 0;
        stamp = null;
        return;
      }
      JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
      if (!(root instanceof ObjectNode obj)) throw new IOException("not a JSON object");
      int format = obj.path("format").asInt(FORMAT);
      if (format != FORMAT) throw new IOException("unknown format " + format + " (expected " + FORMAT + ")");
      if (!(obj.get("services") instanceof ObjectNode)) obj.set("services", MAPPER.createObjectNode());
      saved = obj;
      sequence = obj.path("sequence").asLong(0);
      stamp = before;
    } catch (NoSuchFileException e) {
      saved = emptyTree();
      sequence = 0;
      stamp = null;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the sandbox account " + file + ": " + e.getMessage(), e);
    }
  }

  private void refreshFromDisk() {
    FileStamp now = stampOf();
    if (now == null ? stamp != null : !now.equals(stamp)) load();
  }

  private FileStamp stampOf() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size(), a.fileKey());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void rollback() {
    live.clear();
    dirty = false;
    sequence = saved.path("sequence").asLong(0);
  }

  private ObjectNode emptyTree() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("accountId", ACCOUNT_ID);
    root.put("sequence", 0L);
    root.put("createdAt", now().toString());
    root.set("services", MAPPER.createObjectNode());
    return root;
  }

  /** The JSON of the current state; shares the untouched parts of {@link #saved} (never mutated). */
  private ObjectNode snapshotTree() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("accountId", ACCOUNT_ID);
    root.put("sequence", sequence);
    if (saved.get("createdAt") != null) root.set("createdAt", saved.get("createdAt"));
    ObjectNode services = MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = saved.path("services").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> svc = it.next();
      ObjectNode copy = MAPPER.createObjectNode();
      svc.getValue().fields().forEachRemaining(e -> copy.set(e.getKey(), e.getValue()));
      services.set(svc.getKey(), copy);
    }
    for (Map.Entry<String, Object> e : live.entrySet()) {
      int slash = e.getKey().indexOf('/');
      String service = e.getKey().substring(0, slash);
      String scope = e.getKey().substring(slash + 1);
      ObjectNode svc = services.get(service) instanceof ObjectNode o ? o : services.putObject(service);
      svc.set(scope, MAPPER.valueToTree(e.getValue()));
    }
    root.set("services", services);
    return root;
  }

  private void save() {
    ObjectNode root = snapshotTree();
    Path tmp = null;
    try {
      byte[] bytes = MAPPER.writeValueAsBytes(root);
      tmp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      saved = root;
      dirty = false;
      stamp = stampOf();
    } catch (IOException e) {
      rollback();
      throw new UncheckedIOException("cannot save the sandbox account " + file, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
